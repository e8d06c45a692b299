import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePhone, phoneLast9 } from './phone.ts';

const SA_MOBILE = '+966501234567';

function e164(raw: string, regions: string[]) {
  return normalizePhone(raw, regions).e164;
}

test('Saudi local mobile with region SA reads as E.164 mobile', () => {
  assert.deepEqual(normalizePhone('0501234567', ['SA']), {
    raw: '0501234567', e164: SA_MOBILE, valid: true, readable: true, type: 'mobile', country: 'SA',
  });
});

test('every common way of writing the same Saudi mobile gives one E.164', () => {
  const forms = [
    '0501234567',
    '050 123 4567',
    '050-123-4567',
    '(050) 123.4567',
    '+966 50 123 4567',
    '+966-50-123-4567',
    '00966501234567',
    '00 966 50 123 4567',
    '966501234567', // country code without plus
    '501234567', // no trunk zero
    '+966 (0) 50 123 4567',
    '٠٥٠١٢٣٤٥٦٧', // Arabic-Indic digits
    '۰۵۰۱۲۳۴۵۶۷', // Persian digits
    '+٩٦٦٥٠١٢٣٤٥٦٧',
    '٠٠٩٦٦٥٠١٢٣٤٥٦٧',
    '\u200f0501234567\u200f', // RLM around the number
    '\u202b+966 50 123 4567\u202c', // RLE ... PDF embedding
    '\u2066٠٥٠ ١٢٣ ٤٥٦٧\u2069', // LRI ... PDI isolate
    '\ufeff0501234567', // BOM from a CSV export
    '966501234567+', // plus pasted on the wrong side from RTL text
    '  0501234567\n',
    '050\u00a0123\u00a04567', // no-break spaces
    '050–123–4567', // en dashes
  ];
  for (const raw of forms) {
    const r = normalizePhone(raw, ['SA']);
    assert.equal(r.e164, SA_MOBILE, `form ${JSON.stringify(raw)}`);
    assert.equal(r.type, 'mobile', `form ${JSON.stringify(raw)}`);
    assert.equal(r.raw, raw, 'raw is returned untouched');
  }
});

test('Saudi landline is recorded as fixed_line', () => {
  const r = normalizePhone('0112345678', ['SA']);
  assert.equal(r.e164, '+966112345678');
  assert.equal(r.type, 'fixed_line');
  assert.equal(r.valid, true);
});

test('Saudi unified number (9200) is valid but neither mobile nor landline', () => {
  const r = normalizePhone('920012345', ['SA']);
  assert.equal(r.valid, true);
  assert.equal(r.type, 'other');
});

test('Egyptian mobile with region EG', () => {
  const r = normalizePhone('01012345678', ['EG']);
  assert.equal(r.e164, '+201012345678');
  assert.equal(r.country, 'EG');
  assert.equal(r.type, 'mobile');
  assert.equal(e164('٠١٠١٢٣٤٥٦٧٨', ['EG']), '+201012345678');
  assert.equal(e164('201012345678', ['EG']), '+201012345678');
  assert.equal(e164('0020 101 234 5678', ['EG']), '+201012345678');
});

test('Emirati mobile with region AE', () => {
  const r = normalizePhone('050 123 4567', ['AE']);
  assert.equal(r.e164, '+971501234567');
  assert.equal(r.country, 'AE');
  assert.equal(r.type, 'mobile');
  assert.equal(e164('971501234567', ['AE']), '+971501234567');
});

test('Kuwaiti mobile and landline with region KW (8 digits, no trunk zero)', () => {
  const mobile = normalizePhone('5001 2345', ['KW']);
  assert.equal(mobile.e164, '+96550012345');
  assert.equal(mobile.type, 'mobile');
  const landline = normalizePhone('2221 2345', ['KW']);
  assert.equal(landline.e164, '+96522212345');
  assert.equal(landline.type, 'fixed_line');
});

test('the region decides how a local number reads', () => {
  assert.equal(e164('0501234567', ['SA']), '+966501234567');
  assert.equal(e164('0501234567', ['AE']), '+971501234567');
});

test('regions are tried in order: shipping country first, then the store country', () => {
  // Valid in both: the first region wins.
  assert.equal(e164('0501234567', ['AE', 'SA']), '+971501234567');
  assert.equal(e164('0501234567', ['SA', 'AE']), '+966501234567');
  // Not valid as a Kuwaiti number: falls back to the store's country.
  const r = normalizePhone('01012345678', ['KW', 'EG']);
  assert.equal(r.e164, '+201012345678');
  assert.equal(r.country, 'EG');
});

test('region codes are case-insensitive and unknown ones are skipped', () => {
  assert.equal(e164('0501234567', ['sa']), SA_MOBILE);
  assert.equal(e164('0501234567', ['XX', '', 'SA']), SA_MOBILE);
});

test('an international number does not depend on the regions', () => {
  assert.equal(e164('+201012345678', ['SA']), '+201012345678');
  assert.equal(e164('00971501234567', ['EG']), '+971501234567');
  assert.equal(normalizePhone('+96550012345', []).country, 'KW');
  // "00" is the plus even where no region says so.
  assert.equal(e164('00966501234567', []), SA_MOBILE);
  assert.equal(e164('٠٠٩٦٦٥٠١٢٣٤٥٦٧', ['US']), SA_MOBILE);
});

test('a country code without plus is only taken for a region in the list', () => {
  // 201012345678 is Egyptian only if read internationally; with SA alone that is not assumed.
  const r = normalizePhone('201012345678', ['SA']);
  assert.equal(r.valid, false);
  assert.equal(r.readable, true);
  assert.equal(r.e164, null);
});

test('a local number without regions cannot be placed', () => {
  const r = normalizePhone('0501234567', []);
  assert.deepEqual(
    { valid: r.valid, readable: r.readable, e164: r.e164, type: r.type, country: r.country },
    { valid: false, readable: true, e164: null, type: null, country: null },
  );
});

test('numbers that read but are not valid: readable, not valid, no E.164', () => {
  for (const raw of ['0501', '123456789', '0501234', '05012345678901', '+966123', '+999123456789', '٠٥٠١٢']) {
    const r = normalizePhone(raw, ['SA']);
    assert.equal(r.readable, true, raw);
    assert.equal(r.valid, false, raw);
    assert.equal(r.e164, null, raw);
    assert.equal(r.type, null, raw);
    assert.equal(r.country, null, raw);
  }
});

test('input with nothing to read as a number is unreadable', () => {
  const garbage = [
    '',
    '   ',
    '\u200f\u200f',
    'call me',
    'اتصل بي',
    '0501234567 call me',
    'tel:0501234567',
    '050123456x',
    '123', // fewer than 4 digits
    '+12',
    '٠٥٠',
    '0501234567 / 0551234567', // two numbers in one field
    '++966501234567',
    '+',
    '#0501234567',
  ];
  for (const raw of garbage) {
    const r = normalizePhone(raw, ['SA']);
    assert.equal(r.readable, false, JSON.stringify(raw));
    assert.equal(r.valid, false, JSON.stringify(raw));
    assert.equal(r.e164, null, JSON.stringify(raw));
    assert.equal(r.raw, raw);
  }
});

test('four digits is the threshold for readable', () => {
  assert.equal(normalizePhone('123', ['SA']).readable, false);
  assert.equal(normalizePhone('٠٥٠', ['SA']).readable, false);
  assert.equal(normalizePhone('1234', ['SA']).readable, true);
  assert.equal(normalizePhone('1234', ['SA']).valid, false);
});

test('phoneLast9 keeps the last nine digits', () => {
  assert.equal(phoneLast9('+966501234567'), '501234567');
  assert.equal(phoneLast9('0501234567'), '501234567');
  assert.equal(phoneLast9('+201012345678'), '012345678');
  assert.equal(phoneLast9('٠٥٠ ١٢٣ ٤٥٦٧'), '501234567');
  assert.equal(phoneLast9('1234'), '1234');
  assert.equal(phoneLast9(''), '');
});

test('phoneLast9 matches local and international forms of one number', () => {
  const key = phoneLast9(normalizePhone('0501234567', ['SA']).e164!);
  assert.equal(phoneLast9('00966501234567'), key);
  assert.equal(phoneLast9('+966 50 123 4567'), key);
  assert.notEqual(phoneLast9('+966501234568'), key);
});
