import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeIp } from './list-keys.ts';

test('IPv4 is kept as written, around whitespace, bidi marks and Arabic-Indic digits', () => {
  assert.equal(normalizeIp('192.0.2.7'), '192.0.2.7');
  assert.equal(normalizeIp(' 192.0.2.7\n'), '192.0.2.7');
  assert.equal(normalizeIp('\u200e١٩٢.٠.٢.٧'), '192.0.2.7');
});

test('IPv6 is compressed and lower-case, whatever way it is written', () => {
  for (const ip of ['2001:DB8:0:0:0:0:0:1', '2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::0:1', '[2001:db8::1]', '2001:db8::1']) {
    assert.equal(normalizeIp(ip), '2001:db8::1', ip);
  }
  assert.equal(normalizeIp('2001:db8:0:0:1:0:0:1'), '2001:db8::1:0:0:1'); // the first of two equal zero runs
  assert.equal(normalizeIp('0:0:0:0:0:0:0:0'), '::');
  assert.equal(normalizeIp('fe80::1%eth0'), 'fe80::1');
});

test('an IPv4-mapped IPv6 address is the IPv4 address; other embeddings are not', () => {
  assert.equal(normalizeIp('::ffff:192.0.2.7'), '192.0.2.7');
  assert.equal(normalizeIp('::FFFF:C000:0207'), '192.0.2.7');
  assert.equal(normalizeIp('0:0:0:0:0:ffff:c000:207'), '192.0.2.7');
  assert.equal(normalizeIp('64:ff9b::192.0.2.7'), '64:ff9b::c000:207'); // NAT64 is a different address
});

test('anything else is not an IP', () => {
  for (const s of ['', 'localhost', '999.1.1.1', '01.2.3.4', '1.2.3', '1.2.3.4:80', '1.2.3.4/24', '2001:db8:::1', 'gggg::1', '[1.2.3.4]x']) {
    assert.equal(normalizeIp(s), null, JSON.stringify(s));
  }
});
