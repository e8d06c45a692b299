import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shopify, shopifyOrderInput } from './shopify.ts';
import { StorefrontPayloadError, parseJsonObject } from './storefront.ts';
import { assertValidOrder, edited, fixture, sign, tamper } from './test-helpers.ts';

// shopify-orders-create.json is Shopify's published orders/create sample as is (Webhooks reference,
// https://shopify.dev/docs/api/webhooks?reference=toml, topic orders/create; its full text read from
// public copies of that sample, since only excerpts of shopify.dev could be searched). It is Shopify's
// generic test order: financial_status "voided", cancelled_at set, gateways ["visa", "bogus"], and
// no `gateway` field (gone from the Order resource), so COD is read from payment_gateway_names.
// shopify-orders-create-sa-cod.json is the same document with Saudi COD values.
const PUBLISHED = 'shopify-orders-create.json';
const SA_COD = 'shopify-orders-create-sa-cod.json';
const SECRET = 'shpss_test_secret';
const create = { 'X-Shopify-Topic': 'orders/create' };

test('signature: base64 HMAC of the raw body with the right secret only', () => {
  const body = fixture(PUBLISHED);
  const good = sign(body, SECRET, 'base64');
  assert.equal(shopify.verifySignature(body, { 'x-shopify-hmac-sha256': good }, SECRET), true);
  assert.equal(shopify.verifySignature(body, { 'X-Shopify-Hmac-Sha256': [good] }, SECRET), true);
  assert.equal(shopify.verifySignature(body, { 'x-shopify-hmac-sha256': good }, 'other-secret'), false);
  assert.equal(shopify.verifySignature(tamper(body), { 'x-shopify-hmac-sha256': good }, SECRET), false);
  assert.equal(shopify.verifySignature(body, {}, SECRET), false);
  assert.equal(shopify.verifySignature(body, { 'x-shopify-hmac-sha256': sign(body, SECRET, 'hex') }, SECRET), false);
  assert.equal(shopify.verifySignature(body, { 'x-shopify-hmac-sha256': sign(body, '', 'base64') }, ''), false);
});

test('published sample maps to the canonical order', () => {
  const order = shopifyOrderInput(parseJsonObject(fixture(PUBLISHED), 'Shopify'));
  assert.equal(order.external_id, '820982911946154508'); // 18 digits, kept exact
  assert.equal(order.source, 'shopify');
  assert.equal(order.currency, 'USD');
  assert.deepEqual(order.customer, { name: 'John Smith', phone: '555-555-SHIP', email: 'jon@example.com', language: 'en' });
  assert.deepEqual(order.shipping_address, {
    name: 'Steve Shipper', line1: '123 Shipping Street', line2: undefined, city: 'Shippington',
    region: 'Kentucky', postal_code: '40003', country: 'US',
  });
  assert.equal(order.lines.length, 5);
  assert.deepEqual(order.lines[0], { sku: 'SKU2006-001', quantity: 1, unit_price: '89.99', name: 'Aviator sunglasses' });
  assert.deepEqual(order.lines.map((l) => l.sku), ['SKU2006-001', 'LENS-PROTECT-2YR', 'CASE-LEATHER-PREM', 'SKU2006-020', 'SKU2006-035']);
  assert.equal(order.shipping_total, '10.00');
  assert.equal(order.discount_total, '20.00');
  assert.equal(order.tax_total, '0.00');
  assert.equal(order.total, '404.95');
  assert.deepEqual(order.payment, { method: 'online', status: 'pending' });
  assert.equal(order.delivery?.option, 'Generic Shipping');
  assertValidOrder(order);
});

test('published orders/create sample is already cancelled, so it is a cancel event', () => {
  const event = shopify.parse(fixture(PUBLISHED), create);
  assert.deepEqual(event, {
    kind: 'cancel', externalId: '820982911946154508', topic: 'orders/create', paid: false, cancelled: true, reason: 'customer',
  });
});

test('Saudi COD order: method cod, pending, phone passed through as typed', () => {
  const event = shopify.parse(fixture(SA_COD), create);
  assert.equal(event.kind, 'order');
  assert.equal(event.paid, false);
  const order = event.order!;
  assert.equal(order.currency, 'SAR');
  assert.deepEqual(order.payment, { method: 'cod', status: 'pending' });
  assert.deepEqual(order.customer, { name: 'Noura Al-Qahtani', phone: '٠٥٠١٢٣٤٥٦٧', email: 'noura@example.com', language: 'en' });
  assert.equal(order.shipping_address.country, 'SA');
  assert.equal(order.shipping_address.city, 'الرياض');
  assert.equal(order.note, 'اتصل قبل التوصيل');
  assert.equal(order.client?.ip, '188.48.10.20');
  assertValidOrder(order);
});

test('online and paid: financial_status paid', () => {
  const body = edited(PUBLISHED,
    ['"financial_status": "voided"', '"financial_status": "paid"'],
    ['"cancelled_at": "2021-12-31T19:00:00-05:00"', '"cancelled_at": null']);
  const event = shopify.parse(body, { 'x-shopify-topic': 'orders/paid' });
  assert.equal(event.kind, 'order');
  assert.equal(event.paid, true);
  assert.deepEqual(event.order!.payment, { method: 'online', status: 'paid' });
});

test('COD recognised under its other names', () => {
  const base = parseJsonObject(fixture(SA_COD), 'Shopify');
  for (const names of [['cash_on_delivery'], ['COD'], ['الدفع عند الاستلام']]) {
    assert.equal(shopifyOrderInput({ ...base, payment_gateway_names: names }).payment.method, 'cod', names[0]);
  }
  const legacy = { ...base, payment_gateway_names: undefined, gateway: 'Cash on Delivery (COD)' };
  assert.equal(shopifyOrderInput(legacy).payment.method, 'cod');
  assert.equal(shopifyOrderInput({ ...base, payment_gateway_names: ['shopify_payments'] }).payment.method, 'online');
});

test('cancel: orders/cancelled topic, and orders/delete', () => {
  const cancelled = shopify.parse(fixture(SA_COD), { 'x-shopify-topic': 'orders/cancelled' });
  assert.equal(cancelled.kind, 'cancel');
  assert.equal(cancelled.cancelled, true);
  assert.equal(cancelled.externalId, '820982911946154508');
  const deleted = shopify.parse(Buffer.from('{"id": 450789469}'), { 'x-shopify-topic': 'orders/delete' });
  assert.deepEqual(deleted, { kind: 'cancel', externalId: '450789469', topic: 'orders/delete', cancelled: true, reason: 'order deleted in Shopify' });
});

test('topics we do not handle are ignored', () => {
  const event = shopify.parse(Buffer.from('{"id": 632910392, "title": "IPod Nano"}'), { 'x-shopify-topic': 'products/update' });
  assert.equal(event.kind, 'ignore');
  assert.match(event.reason!, /products\/update/);
});

test('lines without a SKU fall back to the variant, then the product id', () => {
  const base = parseJsonObject(fixture(SA_COD), 'Shopify');
  const line = { quantity: 2, price: '50.00', title: 'Abaya' };
  const order = shopifyOrderInput({ ...base, line_items: [{ ...line, sku: '', variant_id: 39072856, product_id: 632910392 }, { ...line, sku: null, product_id: 632910392 }] });
  assert.deepEqual(order.lines.map((l) => l.sku), ['shopify:39072856', 'shopify:632910392']);
});

test('tax-inclusive prices do not repeat the tax', () => {
  const base = parseJsonObject(fixture(SA_COD), 'Shopify');
  assert.equal(shopifyOrderInput({ ...base, taxes_included: true, total_tax: '52.82' }).tax_total, undefined);
});

test('malformed bodies throw StorefrontPayloadError', () => {
  assert.throws(() => shopify.parse(Buffer.from('{"id": 1,'), create), (e) => e instanceof StorefrontPayloadError && /not valid JSON/.test(e.message));
  assert.throws(() => shopify.parse(Buffer.from('[1, 2]'), create), StorefrontPayloadError);
  assert.throws(() => shopify.parse(fixture(SA_COD), {}), /X-Shopify-Topic/);
  assert.throws(() => shopify.parse(Buffer.from('{"id": 5}'), create), /line_items/);
  assert.throws(() => shopify.parse(Buffer.from('{"email": "a@b.c"}'), create), /no order id/);
});

test("the buyer's shop language (customer_locale) becomes the language of their messages", () => {
  const language = (locale: string) =>
    shopifyOrderInput(parseJsonObject(edited(PUBLISHED, ['"customer_locale": "en"', `"customer_locale": ${locale}`]), 'Shopify')).customer?.language;
  assert.equal(language('"ar"'), 'ar');
  assert.equal(language('"ar-SA"'), 'ar');
  assert.equal(language('"en-US"'), 'en');
  assert.equal(language('"fr"'), null);
  assert.equal(language('null'), null);
});
