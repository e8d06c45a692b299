import { test } from 'node:test';
import assert from 'node:assert/strict';
import { salla, sallaCountry, sallaOrderInput } from './salla.ts';
import { StorefrontPayloadError, parseJsonObject, record } from './storefront.ts';
import { assertValidOrder, edited, fixture, sign, tamper } from './test-helpers.ts';

// salla-order-created.json is Salla's published order.created example (Orders Webhook Events Model,
// https://docs.salla.dev/doc-433804) as is, including its top-level pickup_branch. Its only item has quantity 1, so it cannot
// show whether items[].amounts.price_without_tax is per unit or per line; we read it per unit, as
// sub_total (186) = price_without_tax (186) there. It is a bank-transfer order under review.
// salla-order-created-sa-cod.json is the same document with Saudi COD values and a 10 SAR COD fee.
const PUBLISHED = 'salla-order-created.json';
const SA_COD = 'salla-order-created-sa-cod.json';
const SECRET = 'salla-webhook-secret';

test('signature: hex HMAC of the raw body with the right secret only (Signature strategy)', () => {
  const body = fixture(PUBLISHED);
  const good = sign(body, SECRET, 'hex');
  const headers = { 'x-salla-signature': good, 'x-salla-security-strategy': 'Signature' };
  assert.equal(salla.verifySignature(body, headers, SECRET), true);
  assert.equal(salla.verifySignature(body, { 'X-Salla-Signature': good.toUpperCase() }, SECRET), true);
  assert.equal(salla.verifySignature(body, headers, 'wrong'), false);
  assert.equal(salla.verifySignature(tamper(body), headers, SECRET), false);
  assert.equal(salla.verifySignature(body, { 'x-salla-signature': sign(body, SECRET, 'base64') }, SECRET), false);
  assert.equal(salla.verifySignature(body, { ...headers, 'x-salla-security-strategy': 'Token' }, SECRET), false);
  assert.equal(salla.verifySignature(body, {}, SECRET), false);
});

test('published sample maps to the canonical order', () => {
  const event = salla.parse(fixture(PUBLISHED), {});
  assert.equal(event.kind, 'order');
  assert.equal(event.topic, 'order.created');
  assert.equal(event.externalId, '2116149737');
  assert.equal(event.paid, false); // bank transfer still under review
  const order = event.order!;
  assert.equal(order.source, 'salla');
  assert.equal(order.currency, 'SAR');
  // The customer's mobile (+966 and 501806978) rather than the receiver's malformed 999123456789.
  assert.deepEqual(order.customer, { name: 'Mohammed Ali', phone: '+966501806978', email: 'usertest@gmail.com' });
  assert.deepEqual(order.shipping_address, {
    name: 'Mohammed Ali', line1: 'شارع ابو امية الضمري، الحي الزهراء ،, جدة, السعودية', district: 'الزهراء',
    city: 'جدة', region: undefined, postal_code: undefined, country: 'SA',
  });
  assert.deepEqual(order.lines, [{ sku: '54534534', quantity: 1, unit_price: '186.00', name: 'بيتزا' }]);
  assert.equal(order.shipping_total, '15.00');
  assert.equal(order.discount_total, '5.00');
  assert.equal(order.tax_total, '0.00');
  assert.equal(order.total, '196.00');
  assert.deepEqual(order.payment, { method: 'online', status: 'pending' });
  assert.deepEqual(order.client, { ip: '31.166.186.78', user_agent: record(record(parseJsonObject(fixture(PUBLISHED), 'Salla').data).source_details)['user-agent'] });
  assertValidOrder(order);
});

test('Saudi COD order: method cod, COD fee counted with shipping', () => {
  const event = salla.parse(fixture(SA_COD), {});
  assert.equal(event.kind, 'order');
  assert.equal(event.paid, false);
  const order = event.order!;
  assert.deepEqual(order.payment, { method: 'cod', status: 'pending' });
  assert.deepEqual(order.customer, { name: 'نورة القحطاني', phone: '+966501234567', email: 'noura@example.com' });
  assert.equal(order.shipping_address.country, 'SA');
  assert.equal(order.shipping_total, '25.00');
  assert.equal(order.total, '206.00');
  assertValidOrder(order);
});

test('paid: an online payment no longer pending', () => {
  const card = edited(PUBLISHED, ['"payment_method": "bank"', '"payment_method": "credit_card"']);
  assert.equal(salla.parse(card, {}).paid, true);
  const waiting = edited(PUBLISHED, ['"payment_method": "bank"', '"payment_method": "credit_card"'], ['"is_pending_payment": false', '"is_pending_payment": true']);
  assert.equal(salla.parse(waiting, {}).paid, false);
});

test('cancel: status slug canceled, and the order.cancelled event', () => {
  const canceled = edited(SA_COD, ['"event": "order.created"', '"event": "order.status.updated"'], ['"slug": "under_review"', '"slug": "canceled"'], ['"name": "بإنتظار المراجعة",\n      "slug"', '"name": "ملغي",\n      "slug"']);
  const event = salla.parse(canceled, {});
  assert.deepEqual(event, { kind: 'cancel', externalId: '2116149737', topic: 'order.status.updated', paid: false, cancelled: true, reason: 'ملغي' });
  const cancelledEvent = salla.parse(edited(SA_COD, ['"event": "order.created"', '"event": "order.cancelled"']), {});
  assert.equal(cancelledEvent.kind, 'cancel');
});

test('events we do not handle are ignored', () => {
  for (const name of ['product.updated', 'order.shipment.created', 'app.installed', 'order.refunded']) {
    const event = salla.parse(edited(PUBLISHED, ['"event": "order.created"', `"event": "${name}"`]), {});
    assert.equal(event.kind, 'ignore', name);
    assert.equal(event.topic, name);
  }
});

test('countries given as names map to ISO codes', () => {
  assert.equal(sallaCountry(undefined, 'المملكة العربية السعودية'), 'SA');
  assert.equal(sallaCountry(undefined, 'السعودية'), 'SA');
  assert.equal(sallaCountry('', 'الإمارات العربية المتحدة'), 'AE');
  assert.equal(sallaCountry(undefined, 'مصر'), 'EG');
  assert.equal(sallaCountry(undefined, 'Kuwait'), 'KW');
  assert.equal(sallaCountry(undefined, 'sa'), 'SA');
  // Without shipping.address, the first shipment's ship_to is used; the published one is in the UAE.
  const data = record(parseJsonObject(fixture(PUBLISHED), 'Salla').data);
  const order = sallaOrderInput({ ...data, shipping: { ...record(data.shipping), address: undefined } });
  assert.equal(order.shipping_address.country, 'AE');
  assert.equal(order.shipping_address.city, 'أبو ظبي');
});

test('malformed bodies throw StorefrontPayloadError', () => {
  assert.throws(() => salla.parse(Buffer.from('{"event": "order.created", "data": {'), {}), (e) => e instanceof StorefrontPayloadError && /not valid JSON/.test(e.message));
  assert.throws(() => salla.parse(Buffer.from('null'), {}), StorefrontPayloadError);
  assert.throws(() => salla.parse(Buffer.from('{"data": {"id": 1}}'), {}), /no event/);
  assert.throws(() => salla.parse(Buffer.from('{"event": "order.created", "data": {}}'), {}), /no data\.id/);
  assert.throws(() => salla.parse(Buffer.from('{"event": "order.created", "data": {"id": 1}}'), {}), /items/);
});
