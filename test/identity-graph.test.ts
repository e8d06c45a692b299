import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { mobile, place, saE164, sku, timelineTypes, waitFor } from './helpers.ts';
import { measureStore } from '../src/modules/orders/index.ts';
import { getStore } from '../src/modules/stores/index.ts';

// Customer analysis across people: orders joined into one person by shared phone, email or
// address (with a cap), and the signals that need more than one order to see.
let s: TestServer;
let item: string;
before(async () => {
  s = await startTestServer({ worker: true });
  item = sku('GRAPH');
  await stock(s, item, 10_000);
});
after(() => s.stop());

let n = 0;
/** A door of one's own, unless a test shares it on purpose. */
const door = (line = `شارع الأمير سلطان ${++n}00`, district = 'الروضة', city = 'جدة') => ({ line1: line, district, city, country: 'SA' });
const body = (customer: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  orderBody({ customer: { name: 'ريم', ...customer }, shipping_address: door(), lines: [{ sku: item, quantity: 1, unit_price: '80.00' }], ...over });
let external = 0;
async function history(orders: { customer: Record<string, unknown>; outcome: string; over?: Record<string, unknown>; placed_at?: string }[]) {
  const r = await s.api('POST', '/v1/orders/import', {
    orders: orders.map((o) => ({ ...body(o.customer, o.over), external_id: `g-${++external}`, placed_at: o.placed_at ?? '2026-06-01T10:00:00Z', outcome: o.outcome })),
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.ok(r.body.results.every((x: any) => x.status === 'imported'), JSON.stringify(r.body));
  return r.body.results.map((x: any) => x.id as string);
}
const reason = (o: any, code: string) => o.risk.reasons.find((r: any) => r.code === code);
const cancel = (id: string) => s.api('POST', `/v1/orders/${id}/cancel`, { reason: 'test done' });
async function storeCtx() {
  return { db: s.db, store: await getStore(s.db, s.storeId), actor: { type: 'system' as const, id: 'test' }, now: () => new Date(), log: pino({ level: 'silent' }) };
}

test('one email on two phones is one person: the refusal under the first phone flags the second', async () => {
  const email = `reem${Date.now()}@example.com`;
  const first = mobile();
  await history([{ customer: { phone: first, email }, outcome: 'refused' }]);
  const second = mobile();
  const o = await place(s, body({ phone: second, email: email.toUpperCase() }));
  const r = reason(o, 'earlier_refused');
  assert.ok(r, JSON.stringify(o.risk));
  assert.match(r.message_en, /Same email\.$/);
  assert.match(r.message_ar, /بنفس البريد الإلكتروني/);
  const profile = (await s.api('GET', `/v1/customers/${o.customer.id}`)).body;
  assert.deepEqual(profile.identities.phones.sort(), [saE164(first), saE164(second)].sort());
  assert.equal(profile.orders_by_outcome.refused, 1);
  assert.equal(profile.orders_by_outcome.open, 1);
  await cancel(o.id);
});

test('two customer records joined by a later order that carries both their keys', async () => {
  const email = `join${Date.now()}@example.com`;
  const a = mobile();
  const b = mobile();
  await history([{ customer: { phone: a, email }, outcome: 'ghost' }, { customer: { phone: b }, outcome: 'delivered' }]);
  const o = await place(s, body({ phone: b, email }));
  assert.ok(reason(o, 'earlier_ghost'), 'the ghost under the other record counts');
  const profile = (await s.api('GET', `/v1/customers/${o.customer.id}`)).body;
  assert.equal(profile.linked_customers.length, 1);
  assert.equal(profile.linked_customers[0].linked_by, 'phone_or_email');
  assert.deepEqual(profile.identities.phones.sort(), [saE164(a), saE164(b)].sort());
  assert.deepEqual(profile.orders_by_outcome, { delivered: 1, refused: 0, returned: 0, ghost: 1, cancelled: 0, open: 1 });
  await cancel(o.id);
});

test('a shared door links a few people; a courier desk used by many links nobody', async () => {
  const home = door('حي النزهة شارع 15 فيلا 7', 'النزهة', 'جدة');
  const husband = mobile();
  await history([{ customer: { phone: husband }, outcome: 'refused', over: { shipping_address: home } }]);
  const wife = await place(s, body({ phone: mobile() }, { shipping_address: home }));
  const r = reason(wife, 'earlier_refused');
  assert.ok(r, 'the household refused a parcel at this door');
  assert.match(r.message_en, /Same address\.$/);
  const linked = (await s.api('GET', `/v1/customers/${wife.customer.id}`)).body.linked_customers;
  assert.deepEqual(linked.map((l: any) => l.linked_by), ['address']);
  await cancel(wife.id);

  const desk = door('مكتب سمسا للشحن فرع التحلية', 'التحلية', 'جدة');
  const people = [mobile(), mobile(), mobile(), mobile(), mobile()];
  await history(people.map((phone) => ({ customer: { phone }, outcome: 'refused', over: { shipping_address: desk } })));
  const next = await place(s, body({ phone: mobile() }, { shipping_address: desk }));
  assert.ok(!reason(next, 'earlier_refused'), `five strangers' refusals are not this customer's: ${JSON.stringify(next.risk.reasons)}`);
  const profile = (await s.api('GET', `/v1/customers/${next.customer.id}`)).body;
  assert.equal(profile.linked_customers.length, 0, 'no giant merge');
  const address = profile.identities.addresses[0];
  assert.equal(address.weak, true);
  assert.ok(address.shared_with >= 5);
  await cancel(next.id);
});

test('one phone on two hundred orders: no crash, one person, a burst reason', async () => {
  const phone = mobile();
  const orders = Array.from({ length: 200 }, (_, i) => ({ customer: { phone, name: `Buyer ${i}` }, outcome: i % 2 ? 'delivered' : 'cancelled', over: { shipping_address: door() } }));
  for (let i = 0; i < orders.length; i += 100) await history(orders.slice(i, i + 100));
  const recent = [];
  for (let i = 0; i < 3; i++) recent.push(await place(s, body({ phone }, { lines: [{ sku: item, quantity: 1, unit_price: '80.00' }] })));
  const o = await place(s, body({ phone }));
  const burst = reason(o, 'velocity');
  assert.ok(burst, JSON.stringify(o.risk.reasons));
  assert.match(burst.message_en, /^Many orders in a short time: 3 from this phone/);
  assert.match(burst.message_ar, /3 من هذا الرقم/);
  const profile = (await s.api('GET', `/v1/customers/${o.customer.id}`)).body;
  assert.equal(profile.orders_by_outcome.delivered, 100);
  assert.equal(profile.orders.length, 50, 'the newest fifty, not all');
  for (const x of [...recent, o]) await cancel(x.id);
});

test('the same product already on an open order names that order', async () => {
  const phone = mobile();
  const first = await place(s, body({ phone }));
  const second = await place(s, body({ phone }));
  const r = reason(second, 'duplicate_open_order');
  assert.ok(r, JSON.stringify(second.risk.reasons));
  assert.equal(r.message_en, `The same product (${item}) is already on open order ${first.number} of this customer (placed ${new Date(first.placed_at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })}).`);
  assert.ok(!reason(first, 'duplicate_open_order'));
  await cancel(first.id);
  await cancel(second.id);
});

test('orders from one IP and to one address in a day are a burst; a throwaway email and a vague address are named', async () => {
  const ip = `203.0.113.${(Date.now() % 200) + 1}`;
  const placed = [];
  for (let i = 0; i < 4; i++) placed.push(await place(s, body({ phone: mobile() }, { client: { ip } })));
  const r = reason(placed[3], 'velocity');
  assert.ok(r, JSON.stringify(placed[3].risk.reasons));
  assert.match(r.message_en, /3 from this IP address in the last 24 hours/);

  const throwaway = await place(s, body({ phone: mobile(), email: `x${Date.now()}@Mailinator.com` }));
  assert.match(reason(throwaway, 'disposable_email').message_ar, /mailinator\.com/);
  const vague = await place(s, body({ phone: mobile() }, { shipping_address: { line1: 'x', city: 'جدة', country: 'SA' } }));
  assert.ok(reason(vague, 'address_incomplete'));
  for (const x of [...placed, throwaway, vague]) await cancel(x.id);
});

test('a first order says so; a returning customer with a clean record is vouched for', async () => {
  const fresh = await place(s, body({ phone: mobile() }));
  assert.equal(reason(fresh, 'first_order').message_en, 'First order from this customer: there is no history to go by.');
  const phone = mobile();
  await history([{ customer: { phone }, outcome: 'delivered' }]);
  const back = await place(s, body({ phone }));
  assert.equal(reason(back, 'returning_customer').weight, -15);
  assert.ok(!reason(back, 'first_order'));
  await cancel(fresh.id);
  await cancel(back.id);
});

test("the store's usual order and its areas' refusals are measured; a far bigger order and a refusing district are named", async () => {
  const bad = (i: number) => door(`شارع الستين ${i}`, 'السامر', 'الدمام');
  const good = (i: number) => door(`شارع الخليج ${i}`, 'الشاطئ', 'الدمام');
  const recent = new Date(Date.now() - 10 * 86_400_000).toISOString();
  await history([
    ...Array.from({ length: 30 }, (_, i) => ({ customer: { phone: mobile() }, outcome: i < 12 ? 'refused' : 'delivered', over: { shipping_address: bad(i) }, placed_at: recent })),
    ...Array.from({ length: 40 }, (_, i) => ({ customer: { phone: mobile() }, outcome: 'delivered', over: { shipping_address: good(i) }, placed_at: recent })),
  ]);
  const measured = await measureStore(await storeCtx());
  assert.ok(measured.orders_counted >= 70);
  assert.equal(measured.total_p95_minor, 8000, 'almost every order is 80.00');

  const area = await place(s, body({ phone: mobile() }, { shipping_address: bad(99) }));
  const r = reason(area, 'area_refusals');
  assert.ok(r, JSON.stringify(area.risk.reasons));
  assert.equal(r.message_ar, 'كثيرًا ما تُرفض الشحنات إلى السامر, الدمام: 12 من 30 (40٪).');
  // A district with few parcels of its own is judged by its city (Dammam: 12 of 70, 17%: fine).
  const quiet = await place(s, body({ phone: mobile() }, { shipping_address: door('شارع جديد 5', 'حي جديد', 'الدمام') }));
  assert.ok(!reason(quiet, 'area_refusals'));
  const big = await place(s, body({ phone: mobile() }, { lines: [{ sku: item, quantity: 1, unit_price: '900.00' }] }));
  assert.match(reason(big, 'unusual_value').message_en, /The order total \(900\.00 SAR\) is far above the store's usual: 95% of orders are 80\.00 SAR or less\./);
  for (const x of [area, quiet, big]) await cancel(x.id);
});

test('history that changes later re-runs the analysis of open orders, once; a person can re-run it and it changes nothing', async () => {
  const phone = mobile();
  const open = await place(s, body({ phone }));
  assert.equal(open.status, 'pending');
  await history([
    { customer: { phone }, outcome: 'refused', placed_at: '2026-03-01T10:00:00Z' },
    { customer: { phone }, outcome: 'refused', placed_at: '2026-04-01T10:00:00Z' },
  ]);
  const held = await waitFor('the open order re-judged', async () => {
    const o = (await s.api('GET', `/v1/orders/${open.id}`)).body;
    return o.status === 'on_hold' ? o : null;
  });
  assert.equal(held.risk.recommendation, 'hold');
  assert.equal(held.hold_reasons[0].code, 'risk_review');
  const types = await timelineTypes(s, open.id);
  assert.ok(types.includes('risk.reassessed'));

  const again = await s.api('POST', `/v1/orders/${open.id}/risk/reassess`, {});
  assert.equal(again.status, 200, JSON.stringify(again.body));
  assert.deepEqual(again.body.risk, held.risk, 'the same facts, the same assessment');
  assert.equal((await timelineTypes(s, open.id)).filter((t) => t === 'risk.reassessed').length, types.filter((t) => t === 'risk.reassessed').length, 'nothing new written');

  // A person overrides the hold: the timeline says who, and against what.
  const released = await s.api('POST', `/v1/orders/${open.id}/release`, { note: 'called her, she will take it' });
  assert.equal(released.status, 200);
  const events = (await s.api('GET', `/v1/orders/${open.id}/timeline`)).body.data;
  const release = events.find((e: any) => e.type === 'order.released');
  assert.deepEqual(release.data.risk_override, { recommendation: 'hold', level: 'high' });
  assert.equal(release.actor.type, 'api_key');
  await cancel(open.id);
});

test('a ghost puts its customer in the ghost box; the profile tells the whole story', async () => {
  const phone = mobile();
  const [, ghostId] = await history([
    { customer: { phone }, outcome: 'delivered', placed_at: '2026-01-10T10:00:00Z' },
    { customer: { phone }, outcome: 'ghost', placed_at: '2026-02-10T10:00:00Z' },
  ]);
  const o = await place(s, body({ phone }));
  const profile = await waitFor('in the ghost box', async () => {
    const p = (await s.api('GET', `/v1/customers/${o.customer.id}`)).body;
    return p.tags.includes('ghost_box') ? p : null;
  });
  assert.equal(profile.first_order_at, '2026-01-10T10:00:00.000Z');
  assert.equal(profile.last_order_at, o.placed_at);
  assert.equal(profile.lifetime_value.amount, '80.00');
  assert.equal(profile.delivery_success_rate, 1, 'one parcel reached the door and was paid');
  assert.deepEqual(profile.orders_by_outcome, { delivered: 1, refused: 0, returned: 0, ghost: 1, cancelled: 0, open: 1 });
  // The history behind the reason: the ghost order the reason names is on the profile.
  const r = reason(o, 'earlier_ghost');
  const named = profile.orders.find((x: any) => x.id === ghostId);
  assert.equal(named.outcome, 'ghost');
  assert.equal(r.evidence.last_number, named.number);
  await cancel(o.id);
});

test('the prepayment asked is the store deposit share of the total', async () => {
  const phone = mobile();
  await history([{ customer: { phone }, outcome: 'ghost' }]);
  const set = await s.api('PATCH', '/v1/store/settings', { risk: { deposit_percent: 25 } });
  assert.equal(set.status, 200, JSON.stringify(set.body));
  try {
    const o = await place(s, body({ phone }, { lines: [{ sku: item, quantity: 1, unit_price: '81.00' }] }));
    assert.equal(o.risk.recommendation, 'require_prepayment');
    assert.deepEqual(o.risk.prepayment, { amount: '20.25', currency: 'SAR', percent: 25, kind: 'deposit' });
    const assessed = (await s.api('GET', `/v1/orders/${o.id}/timeline`)).body.data.find((e: any) => e.type === 'risk.assessed');
    assert.equal(assessed.data.decision, 'prepayment_requested');
    await cancel(o.id);
  } finally {
    await s.api('PATCH', '/v1/store/settings', { risk: { deposit_percent: null } });
  }
});
