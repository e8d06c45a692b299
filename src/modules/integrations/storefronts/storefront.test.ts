import { test } from 'node:test';
import assert from 'node:assert/strict';
import { storefronts } from './index.ts';
import { StorefrontPayloadError, money, parseJsonObject, perUnit, sumMoney } from './storefront.ts';

test('registry: one adapter per platform, named as its key', () => {
  assert.deepEqual(Object.keys(storefronts).sort(), ['salla', 'shopify', 'woocommerce']);
  for (const [key, adapter] of Object.entries(storefronts)) assert.equal(adapter.name, key);
});

test('no secret configured: nothing verifies', () => {
  const body = Buffer.from('{"id":1}');
  for (const adapter of Object.values(storefronts)) assert.equal(adapter.verifySignature(body, {}, ''), false, adapter.name);
});

test('integers beyond 2^53 stay exact; digits inside strings are untouched', () => {
  const body = Buffer.from('{"id": 820982911946154508, "n": -9007199254740993, "small": 5940139491234, "note": "{\\"phone\\":380993350918123456, \\"x\\": 1}", "f": 1.5e3}');
  const parsed = parseJsonObject(body, 'Test');
  assert.equal(parsed.id, '820982911946154508');
  assert.equal(parsed.n, '-9007199254740993');
  assert.equal(parsed.small, 5940139491234);
  assert.equal(parsed.note, '{"phone":380993350918123456, "x": 1}');
  assert.equal(parsed.f, 1500);
  assert.throws(() => parseJsonObject(Buffer.from(''), 'Test'), StorefrontPayloadError);
});

test('money: numbers get the currency digits, sums and unit prices round half up', () => {
  assert.equal(money(186, 'SAR'), '186.00');
  assert.equal(money(12.5, 'KWD'), '12.500');
  assert.equal(money(' 99.90 ', 'SAR'), '99.90');
  assert.equal(money(null, 'SAR'), undefined);
  assert.equal(sumMoney([15, '10.00', undefined], 'SAR', 'x'), '25.00');
  assert.equal(sumMoney(['٥٫٥٠', '1'], 'SAR', 'x'), '6.50');
  assert.equal(sumMoney([], 'SAR', 'x'), undefined);
  assert.equal(perUnit('10.00', 3, 'SAR', 'x'), '3.33');
  assert.equal(perUnit('20.00', 3, 'SAR', 'x'), '6.67');
  assert.throws(() => sumMoney(['ten'], 'SAR', 'Salla discounts'), /Salla discounts is not an amount/);
});
