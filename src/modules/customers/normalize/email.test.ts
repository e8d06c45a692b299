import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalEmail } from './email.ts';

function canon(raw: string) {
  return canonicalEmail(raw).canonical;
}

test('returns raw, canonical, valid and domain', () => {
  assert.deepEqual(canonicalEmail(' Ahmed.Ali+shop@Gmail.com '), {
    raw: ' Ahmed.Ali+shop@Gmail.com ', canonical: 'ahmedali@gmail.com', valid: true, domain: 'gmail.com',
  });
});

test('trims and lowercases local part and domain', () => {
  assert.equal(canon('  Sara.Khalid@Company.COM.SA\n'), 'sara.khalid@company.com.sa');
});

test('gmail: dots removed, +tag stripped', () => {
  assert.equal(canon('m.o.h.a.m.m.e.d@gmail.com'), 'mohammed@gmail.com');
  assert.equal(canon('mohammed+noon@gmail.com'), 'mohammed@gmail.com');
  assert.equal(canon('Mo.Hammed+a.b+c@GMAIL.com'), 'mohammed@gmail.com');
});

test('googlemail.com is gmail.com', () => {
  const r = canonicalEmail('fatima.z+order@googlemail.com');
  assert.equal(r.canonical, 'fatimaz@gmail.com');
  assert.equal(r.domain, 'gmail.com');
});

test('gmail address with no account part before the tag keeps what was written', () => {
  assert.equal(canon('+tag@gmail.com'), '+tag@gmail.com');
});

test('plus-tag providers strip +tag but keep dots', () => {
  const cases: [string, string][] = [
    ['khalid.s+amazon@outlook.com', 'khalid.s@outlook.com'],
    ['khalid.s+x@hotmail.com', 'khalid.s@hotmail.com'],
    ['khalid+x@live.com', 'khalid@live.com'],
    ['khalid+x@msn.com', 'khalid@msn.com'],
    ['noura.h+shop@icloud.com', 'noura.h@icloud.com'],
    ['noura+shop@me.com', 'noura@me.com'],
    ['noura+shop@mac.com', 'noura@mac.com'],
    ['omar+a@protonmail.com', 'omar@protonmail.com'],
    ['omar+a@protonmail.ch', 'omar@protonmail.ch'],
    ['omar+a@proton.me', 'omar@proton.me'],
    ['omar+a@pm.me', 'omar@pm.me'],
    ['layla+b@fastmail.com', 'layla@fastmail.com'],
    ['layla+b@fastmail.fm', 'layla@fastmail.fm'],
    ['ivan+c@yandex.ru', 'ivan@yandex.ru'],
    ['ivan+c@yandex.com', 'ivan@yandex.com'],
    ['hana+d@zoho.com', 'hana@zoho.com'],
  ];
  for (const [raw, expected] of cases) assert.equal(canon(raw), expected, raw);
});

test('providers do not share mailboxes: me.com stays me.com, hotmail stays hotmail', () => {
  assert.notEqual(canon('noura@me.com'), canon('noura@icloud.com'));
  assert.notEqual(canon('khalid@hotmail.com'), canon('khalid@outlook.com'));
});

test('yahoo family strips -tag (disposable addresses), not +', () => {
  const cases: [string, string][] = [
    ['youssef-shop@yahoo.com', 'youssef@yahoo.com'],
    ['youssef-a-b@yahoo.com', 'youssef@yahoo.com'],
    ['Youssef-Noon@Yahoo.co.uk', 'youssef@yahoo.co.uk'],
    ['youssef-x@ymail.com', 'youssef@ymail.com'],
    ['youssef-x@rocketmail.com', 'youssef@rocketmail.com'],
    ['youssef-x@yahoo.fr', 'youssef@yahoo.fr'],
    ['youssef-x@yahoo.de', 'youssef@yahoo.de'],
    ['youssef.k_1-x@yahoo.com.au', 'youssef.k_1@yahoo.com.au'],
    ['youssef+x@yahoo.com', 'youssef+x@yahoo.com'],
  ];
  for (const [raw, expected] of cases) assert.equal(canon(raw), expected, raw);
});

test('gmail does not treat - as a tag', () => {
  assert.equal(canon('abu-ali@gmail.com'), 'abu-ali@gmail.com');
});

test('unknown domains: lowercased, local part kept as written', () => {
  assert.equal(canon('Sales+KSA@Jarir.com'), 'sales+ksa@jarir.com');
  assert.equal(canon('first.last-2@stc.com.sa'), 'first.last-2@stc.com.sa');
  assert.equal(canon('a.b+c@gmx.com'), 'a.b+c@gmx.com');
  assert.equal(canon('a.b@gmail.co'), 'a.b@gmail.co'); // look-alike domain is not gmail
  assert.equal(canonicalEmail('Info@Aramex.AE').domain, 'aramex.ae');
});

test('Arabic-Indic and Persian digits map to Latin', () => {
  assert.equal(canon('ali١٢٣@gmail.com'), 'ali123@gmail.com');
  assert.equal(canon('ali۱۲۳@example.com'), 'ali123@example.com');
  assert.equal(canon('ali123@gmail.com'), canon('ali١٢٣@gmail.com'));
});

test('angle brackets, mailto: and bidi marks are removed', () => {
  assert.equal(canon('<ali@gmail.com>'), 'ali@gmail.com');
  assert.equal(canon('mailto:Ali@Gmail.com'), 'ali@gmail.com');
  assert.equal(canon('MAILTO:ali@example.com?subject=order'), 'ali@example.com');
  assert.equal(canon(' <mailto:ali+x@gmail.com> '), 'ali@gmail.com');
  assert.equal(canon('\u200fali@gmail.com\u200f'), 'ali@gmail.com');
  assert.equal(canon('\u202bali@example.com\u202c'), 'ali@example.com');
});

test('a trailing dot on the domain is the same host', () => {
  assert.equal(canon('ali@gmail.com.'), 'ali@gmail.com');
});

test('not an email: canonical null, valid false, domain null', () => {
  const garbage = [
    '',
    '   ',
    'ali',
    'ali@',
    '@gmail.com',
    'ali@gmail',
    'ali@@gmail.com',
    'ali@gm ail.com',
    'ali gmail.com',
    'ali @gmail.com',
    'ali@.com',
    'ali@gmail..com',
    'ali@-gmail.com',
    'ali@gmail.c',
    'ali@gmail.123',
    '.ali@gmail.com',
    'ali.@gmail.com',
    'a..li@example.com',
    'ali@b@gmail.com',
    '"ali"@gmail.com',
    'لا يوجد',
    '0501234567',
    `${'a'.repeat(65)}@example.com`,
  ];
  for (const raw of garbage) {
    assert.deepEqual(canonicalEmail(raw), { raw, canonical: null, valid: false, domain: null }, JSON.stringify(raw));
  }
});

test('internationalised domains are accepted and lowercased', () => {
  assert.equal(canon('Ali@Example.السعودية'), 'ali@example.السعودية');
});
