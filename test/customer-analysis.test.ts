import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, inventory, mobile, place, sku, timelineTypes } from './helpers.ts';

// Customer analysis at intake: each new order is checked against the customer's history and
// the store's lists, and the recommendation drives what happens to it.
let s: TestServer;
let item: string;
before(async () => {
  s = await startTestServer();
  item = sku('RISK');
  await stock(s, item, 100);
});
after(() => s.stop());

const toArabicDigits = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
let external = 0;
// Each customer at their own door: a shared address would link them (the identity graph).
const asciiDigits = (v: string) => v.replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660));
const home = (phone: string) => ({ line1: `شارع التخصصي ${asciiDigits(phone).replace(/\D/g, '').slice(-7)}`, district: 'العليا', city: 'الرياض', country: 'SA' });
async function history(phone: string, outcomes: string[], over: Record<string, unknown> = {}) {
  const orders = outcomes.map((outcome, i) => ({
    ...orderBody({ customer: { name: 'ماجد', phone }, shipping_address: home(phone), lines: [{ sku: item, quantity: 1, unit_price: '50.00' }], ...over }),
    external_id: `risk-${++external}`, placed_at: `2026-0${1 + i}-15T10:00:00Z`, outcome,
  }));
  const r = await s.api('POST', '/v1/orders/import', { orders });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.body.results.every((x: any) => x.status === 'imported'), JSON.stringify(r.body));
}
const newOrder = (phone: string, over: Record<string, unknown> = {}) =>
  place(s, orderBody({ customer: { name: 'ماجد', phone }, shipping_address: home(phone), lines: [{ sku: item, quantity: 1, unit_price: '50.00' }], ...over }));

test('a parcel refused by 05xxxxxxxx flags the next order whether the phone is written ٠٥… or +966 …', async () => {
  const local = mobile(); // 055xxxxxxx
  await history(local, ['refused']);
  for (const written of [toArabicDigits(local), `+966 ${local.slice(1, 3)} ${local.slice(3, 6)} ${local.slice(6)}`]) {
    const o = await newOrder(written);
    const reason = o.risk.reasons.find((r: any) => r.code === 'earlier_refused');
    assert.ok(reason, `${written}: ${JSON.stringify(o.risk)}`);
    assert.match(reason.message_en, /Refused 1 earlier order at the door \(the last: order \d+ on 15 Jan 2026\)/);
    assert.match(reason.message_ar, /رفض استلام طلب سابق عند الباب/);
    assert.equal(reason.message, reason.message_ar, 'the store speaks Arabic');
    assert.equal(o.risk.level, 'medium');
    assert.equal(o.risk.recommendation, 'verify');
    assert.equal(o.status, 'pending', 'one refusal: confirm as usual');
    // Settled before the next spelling, which would otherwise be a second open order of the same product.
    assert.equal((await s.api('POST', `/v1/orders/${o.id}/cancel`, { reason: 'test' })).status, 200);
  }
});

test('two refusals hold the order for review; a ghost in the history asks for prepayment', async () => {
  const twice = mobile();
  await history(twice, ['refused', 'refused', 'delivered']);
  const held = await newOrder(twice);
  assert.equal(held.status, 'on_hold');
  assert.equal(held.risk.recommendation, 'hold');
  assert.equal(held.hold_reasons[0].code, 'risk_review');
  assert.match(held.hold_reasons[0].message, /رفض استلام 2 طلبات سابقة/);

  const ghost = mobile();
  await history(ghost, ['ghost']);
  const pay = await newOrder(ghost);
  assert.equal(pay.status, 'on_hold');
  assert.equal(pay.risk.recommendation, 'require_prepayment');
  assert.equal(pay.hold_reasons[0].code, 'prepayment_required');
  assert.ok(pay.risk.reasons.some((r: any) => r.code === 'earlier_ghost'));
});

test('a good customer is auto-confirmed; one with a refusal among deliveries is not', async () => {
  const good = mobile();
  await history(good, ['delivered', 'delivered']);
  const o = await newOrder(good);
  assert.equal(o.status, 'confirmed');
  assert.equal(o.verification.status, 'auto_confirmed');
  assert.match(o.risk.reasons.find((r: any) => r.code === 'good_customer').message_en, /2 earlier orders delivered and paid/);
  assert.ok((await timelineTypes(s, o.id)).includes('order.confirmed'));

  const mixed = mobile();
  await history(mixed, ['delivered', 'delivered', 'refused']);
  const m = await newOrder(mixed);
  assert.equal(m.status, 'pending');
  assert.equal(m.verification.status, 'pending');
});

test("a blocklisted phone's order is refused with the store's words and nothing is kept", async () => {
  const phone = mobile();
  const r = await s.api('POST', '/v1/blocklist', { type: 'phone', value: phone, reason: 'نصب واحتيال' });
  assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.body));
  const set = await s.api('PATCH', '/v1/store/settings', { risk: { block_message: { ar: 'نعتذر، لا يمكننا قبول هذا الطلب.', en: 'Sorry, we cannot accept this order.' } } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  const before = await inventory(s, item);
  const refused = await s.api('POST', '/v1/orders', orderBody({ customer: { name: 'x', phone: toArabicDigits(phone) }, lines: [{ sku: item, quantity: 1, unit_price: '50.00' }] }));
  assertError(refused, 403, 'order_blocked');
  assert.equal(refused.body.error.message, 'نعتذر، لا يمكننا قبول هذا الطلب.');
  assert.deepEqual(await inventory(s, item), before, 'nothing reserved');
  const list = await s.api('GET', `/v1/orders?phone=${phone}`);
  assert.equal(list.body.data.length, 0, 'no order written');
});

test('an allowlisted email is confirmed at once, even on a first order', async () => {
  const email = `vip${Date.now()}@example.com`;
  const r = await s.api('POST', '/v1/allowlist', { type: 'email', value: email, reason: 'VIP customer' });
  assert.ok(r.status === 201 || r.status === 200, JSON.stringify(r.body));
  const o = await newOrder(mobile(), { customer: { name: 'VIP', phone: mobile(), email: email.toUpperCase() } });
  assert.equal(o.status, 'confirmed');
  assert.equal(o.verification.status, 'auto_confirmed');
  assert.equal(o.verification.reason, 'allowlisted');
});

test("the store's weights change the decision; bad risk settings are refused and change nothing", async () => {
  const phone = mobile();
  await history(phone, ['refused']);
  const bad = await s.api('PATCH', '/v1/store/settings', { risk: { weights: { earlier_refused: 'lots' } } });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.error.details.some((d: any) => String(d.path).startsWith('risk.weights')), JSON.stringify(bad.body));
  const ok = await s.api('PATCH', '/v1/store/settings', { risk: { weights: { earlier_refused: 80 } } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  try {
    const o = await newOrder(phone);
    assert.equal(o.risk.recommendation, 'hold');
    assert.equal(o.status, 'on_hold');
  } finally {
    await s.api('PATCH', '/v1/store/settings', { risk: { weights: null } });
  }
});
