import { test } from 'node:test';
import assert from 'node:assert/strict';
import { woocommerce, wooOrderInput } from './woocommerce.ts';
import { StorefrontPayloadError, parseJsonObject } from './storefront.ts';
import { assertValidOrder, edited, fixture, sign, tamper } from './test-helpers.ts';

// woocommerce-order.json is the published REST API v3 order ("Retrieve an order" JSON response,
// https://woocommerce.github.io/woocommerce-rest-api-docs/#retrieve-an-order, from
// woocommerce/woocommerce-rest-api-docs source/includes/wp-api-v3/_orders.md), which
// is what order.* webhooks deliver. Its first line has an empty SKU and its payment is a paid bank
// transfer; it has no shipping.phone (added in WooCommerce 5.6), so the billing phone is used.
// woocommerce-order-sa-cod.json is the same document with Saudi COD values.
const PUBLISHED = 'woocommerce-order.json';
const SA_COD = 'woocommerce-order-sa-cod.json';
const SECRET = 'wc-webhook-secret';
const created = { 'x-wc-webhook-topic': 'order.created', 'x-wc-webhook-delivery-id': 'a1b2c3' };

test('signature: base64 HMAC of the raw body with the right secret only', () => {
  const body = fixture(PUBLISHED);
  const good = sign(body, SECRET, 'base64');
  assert.equal(woocommerce.verifySignature(body, { 'x-wc-webhook-signature': good }, SECRET), true);
  assert.equal(woocommerce.verifySignature(body, { 'X-WC-Webhook-Signature': good }, SECRET), true);
  assert.equal(woocommerce.verifySignature(body, { 'x-wc-webhook-signature': good }, 'wrong'), false);
  assert.equal(woocommerce.verifySignature(tamper(body), { 'x-wc-webhook-signature': good }, SECRET), false);
  assert.equal(woocommerce.verifySignature(body, {}, SECRET), false);
});

test('the unsigned creation ping is accepted; a ping with a bad signature is not', () => {
  const ping = Buffer.from('webhook_id=15');
  assert.equal(woocommerce.verifySignature(ping, {}, SECRET), true);
  assert.equal(woocommerce.verifySignature(ping, { 'x-wc-webhook-signature': sign(ping, 'wrong', 'base64') }, SECRET), false);
  assert.equal(woocommerce.verifySignature(Buffer.from('webhook_id=15&x=1'), {}, SECRET), false);
});

test('ping is acknowledged and ignored, not taken as an order', () => {
  const event = woocommerce.parse(Buffer.from('webhook_id=15'), { 'content-type': 'application/x-www-form-urlencoded' });
  assert.deepEqual(event, { kind: 'ignore', externalId: null, topic: 'ping', reason: 'WooCommerce ping for webhook 15' });
});

test('published sample maps to the canonical order', () => {
  const event = woocommerce.parse(fixture(PUBLISHED), created);
  assert.equal(event.kind, 'order');
  assert.equal(event.externalId, '727');
  assert.equal(event.paid, true); // date_paid is set
  const order = event.order!;
  assert.equal(order.external_id, '727');
  assert.equal(order.source, 'woocommerce');
  assert.equal(order.currency, 'USD');
  assert.deepEqual(order.customer, { name: 'John Doe', phone: '(555) 555-5555', email: 'john.doe@example.com' });
  assert.deepEqual(order.shipping_address, {
    name: 'John Doe', line1: '969 Market', line2: undefined, city: 'San Francisco', region: 'CA', postal_code: '94103', country: 'US',
  });
  assert.deepEqual(order.lines, [
    { sku: 'woocommerce:93', quantity: 2, unit_price: '3.00', name: 'Woo Single #1' },
    { sku: 'Bar3', quantity: 1, unit_price: '12.00', name: 'Ship Your Idea – Color: Black, Size: M Test' },
  ]);
  assert.equal(order.shipping_total, '10.00');
  assert.equal(order.discount_total, '0.00');
  assert.equal(order.tax_total, '1.35');
  assert.equal(order.total, '29.35');
  assert.deepEqual(order.payment, { method: 'online', status: 'paid' });
  assert.equal(order.delivery?.option, 'Flat Rate');
  assertValidOrder(order);
});

test('Saudi COD order: processing but not paid', () => {
  const event = woocommerce.parse(fixture(SA_COD), created);
  assert.equal(event.kind, 'order');
  assert.equal(event.paid, false);
  const order = event.order!;
  assert.equal(order.currency, 'SAR');
  assert.deepEqual(order.payment, { method: 'cod', status: 'pending' });
  assert.deepEqual(order.customer, { name: 'نورة القحطاني', phone: '٠٥٠١٢٣٤٥٦٧', email: 'noura@example.com' });
  assert.equal(order.shipping_address.country, 'SA');
  assert.equal(order.shipping_address.line2, 'حي العليا');
  assert.equal(order.note, 'اتصل قبل التوصيل');
  assertValidOrder(order);
});

test('online and unpaid until WooCommerce says so', () => {
  const pending = edited(PUBLISHED, ['"status": "processing"', '"status": "pending"'], ['"date_paid": "2017-03-22T16:28:08"', '"date_paid": null']);
  assert.equal(woocommerce.parse(pending, created).paid, false);
  const completed = edited(SA_COD, ['"status": "processing"', '"status": "completed"'], ['"date_paid": null', '"date_paid": "2024-05-02T18:00:00"']);
  assert.equal(woocommerce.parse(completed, { 'x-wc-webhook-topic': 'order.updated' }).paid, true);
});

test('cancel: status cancelled, and order.deleted', () => {
  const cancelled = woocommerce.parse(edited(SA_COD, ['"status": "processing"', '"status": "cancelled"']), { 'x-wc-webhook-topic': 'order.updated' });
  assert.equal(cancelled.kind, 'cancel');
  assert.equal(cancelled.cancelled, true);
  assert.equal(cancelled.externalId, '728');
  const deleted = woocommerce.parse(Buffer.from('{"id":728}'), { 'x-wc-webhook-topic': 'order.deleted' });
  assert.equal(deleted.kind, 'cancel');
  assert.equal(deleted.externalId, '728');
});

test('failed payments and other topics are ignored', () => {
  const failed = woocommerce.parse(edited(PUBLISHED, ['"status": "processing"', '"status": "failed"']), created);
  assert.equal(failed.kind, 'ignore');
  const product = woocommerce.parse(Buffer.from('{"id":93,"name":"Woo Single #1"}'), { 'x-wc-webhook-topic': 'product.updated' });
  assert.equal(product.kind, 'ignore');
  assert.match(product.reason!, /product\.updated/);
});

test('fees: a surcharge goes with shipping, a credit with discounts; variation id backs a missing SKU', () => {
  const base = parseJsonObject(fixture(SA_COD), 'WooCommerce');
  const order = wooOrderInput({
    ...base,
    fee_lines: [{ id: 400, name: 'رسوم الدفع عند الاستلام', total: '15.00' }, { id: 401, name: 'Loyalty', total: '-5.00' }],
    total: '39.35',
    line_items: [
      ...(base.line_items as object[]).slice(0, 1),
      { id: 316, name: 'Thobe', product_id: 22, variation_id: 23, quantity: 1, subtotal: '12.00', sku: '' },
    ],
  });
  assert.equal(order.shipping_total, '25.00');
  assert.equal(order.discount_total, '5.00');
  assert.equal(order.lines[1].sku, 'woocommerce:23');
  assertValidOrder(order);
});

test('malformed bodies throw StorefrontPayloadError', () => {
  assert.throws(() => woocommerce.parse(Buffer.from('{"id": 727, "status": '), created), (e) => e instanceof StorefrontPayloadError && /not valid JSON/.test(e.message));
  assert.throws(() => woocommerce.parse(Buffer.from('"727"'), created), StorefrontPayloadError);
  assert.throws(() => woocommerce.parse(fixture(PUBLISHED), {}), /X-WC-Webhook-Topic/);
  assert.throws(() => woocommerce.parse(Buffer.from('{"id": 727}'), created), /line_items/);
});
