import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, normalizeArabicText as n } from './address.ts';

test('alef variants fold to bare alef', () => {
  assert.equal(n('أحمد'), 'احمد');
  assert.equal(n('إبراهيم'), 'ابراهيم');
  assert.equal(n('آل سعود'), 'ال سعود');
  assert.equal(n('ٱلرياض'), 'الرياض');
});

test('taa marbuta, alef maqsura and hamza seats fold', () => {
  assert.equal(n('مكة المكرمة'), 'مكه المكرمه');
  assert.equal(n('المدينة'), n('المدينه'));
  assert.equal(n('مستشفى'), 'مستشفي');
  assert.equal(n('حى'), 'حي');
  assert.equal(n('مؤسسة'), 'موسسه');
  assert.equal(n('شاطئ'), 'شاطي');
});

test('Persian keyboard letters fold to Arabic', () => {
  assert.equal(n('کورنيش'), 'كورنيش');
  assert.equal(n('الدمام ی'), 'الدمام ي');
  assert.equal(n('کی'), n('كي'));
});

test('diacritics, superscript alef, Quranic marks and tatweel are removed', () => {
  assert.equal(n('الرِّيَاض'), 'الرياض');
  assert.equal(n('جُدَّة'), 'جده');
  assert.equal(n('هٰذا'), 'هذا');
  assert.equal(n('الرياض\u06d6\u06ed'), 'الرياض');
  assert.equal(n('الريـــاض'), 'الرياض');
  assert.equal(n('شـارع الـمـلـك'), 'شارع الملك');
});

test('Arabic-Indic and Persian digits become Latin', () => {
  assert.equal(n('مبنى ١٢٣'), 'مبني 123');
  assert.equal(n('عمارة ۴۵'), 'عماره 45');
});

test('Latin is lowercased', () => {
  assert.equal(n('King Fahd Road'), 'king fahd road');
});

test('punctuation becomes space and whitespace collapses', () => {
  assert.equal(n('الرياض، حي النرجس؛ شارع ١٠؟'), 'الرياض حي النرجس شارع 10');
  assert.equal(n('Bldg. 5, Apt #3 (rear) - Dubai/Marina'), 'bldg 5 apt 3 rear dubai marina');
  assert.equal(n('  الرياض \t\n  جدة  '), 'الرياض جده');
  assert.equal(n('a|b'), 'a b');
});

test('digits glued to letters are split, so both spellings agree', () => {
  assert.equal(n('مبنى12'), 'مبني 12');
  assert.equal(n('12ب'), n('12 ب'));
  assert.equal(n('Apt3B'), 'apt 3 b');
});

test('bidi marks and presentation forms are neutral', () => {
  assert.equal(n('\u200fالرياض\u200f'), 'الرياض');
  assert.equal(n('\u202bجدة\u202c'), 'جده');
  assert.equal(n('ﻣﻜﺔ'), 'مكه'); // presentation forms from a PDF copy
});

test('empty and blank input stay empty', () => {
  assert.equal(n(''), '');
  assert.equal(n(' ،؛ '), '');
});

const BASE = {
  line1: 'شارع الأمير محمد بن عبدالعزيز، مبنى ١٢',
  line2: 'الدور الثاني، شقة ٤',
  district: 'حي العليا',
  city: 'الرياض',
  country: 'SA',
};

test('addressKey layout: country|city|district|lines, each normalised', () => {
  assert.equal(addressKey(BASE), 'sa|الرياض|العليا|الامير محمد بن عبدالعزيز مبني 12 الدور الثاني شقه 4');
});

test('the same Saudi address written differently gives one key', () => {
  const key = addressKey(BASE);
  const variants = [
    { ...BASE, line1: 'ش. الامير محمد بن عبدالعزيز - مبنى 12', line2: 'الدور الثانى - شقة 4' },
    { ...BASE, line1: 'الأمـيـر مُحَمَّد بن عبدالعزيز مبنى۱۲', district: 'العليا', line2: 'الدور الثاني شقه ۴' },
    { ...BASE, line1: '\u200fشارع الأمير محمد بن عبدالعزيز  مبنى 12\u200f', city: ' الرّياض ', country: 'sa' },
    { ...BASE, line1: 'شارع الأمير محمد بن عبدالعزيز، مبنى ١٢، الدور الثاني، شقة ٤', line2: null },
    { ...BASE, district: 'حى العليا' },
  ];
  for (const v of variants) assert.equal(addressKey(v), key, JSON.stringify(v));
});

test('the same Egyptian address written differently gives one key', () => {
  const a = { line1: '١٥ ش التحرير', district: 'الدقي', city: 'الجيزة', country: 'EG' };
  const b = { line1: '15 شارع التحرير', district: 'الدقى', city: 'الجيزه', country: 'eg', line2: '' };
  const c = { line1: '15 ش. التَّحرير', district: 'حي الدقي', city: 'الجيـزة', country: 'EG' };
  assert.equal(addressKey(a), addressKey(b));
  assert.equal(addressKey(a), addressKey(c));
  assert.equal(addressKey(a), 'eg|الجيزه|الدقي|15 التحرير');
});

test('the same Emirati and Kuwaiti addresses in Latin letters match regardless of case and spacing', () => {
  const dubai = { line1: 'Marina Tower, Apt 1203', district: 'Dubai Marina', city: 'Dubai', country: 'AE' };
  assert.equal(addressKey(dubai), addressKey({ ...dubai, line1: 'marina  tower apt 1203', city: 'DUBAI' }));
  const kw = { line1: 'قطعة ٣، شارع ١٢، منزل ٧', district: 'السالمية', city: 'حولي', country: 'KW' };
  assert.equal(addressKey(kw), addressKey({ ...kw, line1: 'قطعة 3 ش 12 منزل 7' }));
});

test('different addresses give different keys', () => {
  const key = addressKey(BASE);
  const others = [
    { ...BASE, line1: 'شارع الأمير محمد بن عبدالعزيز، مبنى ١٣' }, // other building
    { ...BASE, line2: 'الدور الثاني، شقة ٥' }, // other flat
    { ...BASE, district: 'حي الملقا' }, // other district
    { ...BASE, city: 'جدة' }, // other city
    { ...BASE, country: 'AE' }, // other country
    { ...BASE, line1: 'طريق الأمير محمد بن عبدالعزيز، مبنى ١٢' }, // road is not dropped
  ];
  const keys = new Set(others.map(addressKey));
  assert.equal(keys.size, others.length);
  assert.ok(!keys.has(key));
});

test('parts cannot bleed into each other through the separator', () => {
  const a = addressKey({ line1: 'x', city: 'a|b', district: 'c', country: 'SA' });
  const b = addressKey({ line1: 'x', city: 'a', district: 'b|c', country: 'SA' });
  assert.notEqual(a, b);
  assert.equal(a.split('|').length, 4);
});

test('district "حي" alone is kept, and only a leading "حي" is dropped', () => {
  assert.equal(addressKey({ line1: 'x', district: 'حي', city: 'r', country: 'SA' }), 'sa|r|حي|x');
  assert.equal(addressKey({ line1: 'x', district: 'الحي الاول', city: 'r', country: 'SA' }), 'sa|r|الحي الاول|x');
  assert.equal(addressKey({ line1: 'x', city: 'r', country: 'SA' }), 'sa|r||x');
});

test('street words are dropped only as whole words', () => {
  const key = addressKey({ line1: 'شارعين الشارع شاكر', city: 'r', country: 'SA' });
  assert.equal(key, 'sa|r||شارعين الشارع شاكر');
});
