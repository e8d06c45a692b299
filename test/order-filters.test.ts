import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { allOrders, assertError, errorPaths, mobile, place, sku } from './helpers.ts';

// The orders list's filters the web app offers beside status: confirmation state, risk level,
// source and the day placed (a day of the store's time zone, Asia/Riyadh here).
let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => s?.stop());

const ids = async (query: string) => (await allOrders(s, query)).map((o) => o.id);

test('verification, risk_level and source narrow the list, and combine', async () => {
  const item = sku('FILTER');
  await stock(s, item, 20);
  const fresh = await place(s, orderBody({ customer: { name: 'New Customer', phone: mobile() }, lines: [{ sku: item, quantity: 1, unit_price: '99.50' }] }));
  const paid = await place(s, orderBody({ source: 'salla', customer: { name: 'Paid Online', phone: mobile() }, lines: [{ sku: item, quantity: 1, unit_price: '99.50' }], payment: { method: 'online', status: 'paid' } }));
  assert.equal(paid.verification.status, 'not_required');

  const notRequired = await ids('verification=not_required');
  assert.ok(notRequired.includes(paid.id) && !notRequired.includes(fresh.id));
  const level = fresh.risk.level as string;
  const sameRisk = await allOrders(s, `risk_level=${level}`);
  assert.ok(sameRisk.some((o) => o.id === fresh.id));
  assert.ok(sameRisk.every((o) => o.risk.level === level));
  assert.deepEqual(await ids('source=salla'), [paid.id]);
  assert.deepEqual(await ids('source=salla&verification=pending'), []);
  assert.deepEqual(await ids(`source=salla&risk_level=${paid.risk.level}&status=${paid.status}`), [paid.id]);
});

test('placed_from and placed_to are whole days in the store\'s time zone', async () => {
  // 22:30 UTC on 1 March is already 2 March in Riyadh (UTC+3).
  const late = { ...orderBody(), external_id: 'tz-late', placed_at: '2025-03-01T22:30:00Z', outcome: 'delivered' };
  const early = { ...orderBody(), external_id: 'tz-early', placed_at: '2025-03-01T20:30:00Z', outcome: 'delivered' };
  const r = await s.api('POST', '/v1/orders/import', { orders: [late, early] });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const byExternal = async (q: string) => (await allOrders(s, q)).map((o) => o.external_id).filter((e) => e?.startsWith('tz-')).sort();
  assert.deepEqual(await byExternal('placed_from=2025-03-02&placed_to=2025-03-02'), ['tz-late']);
  assert.deepEqual(await byExternal('placed_from=2025-03-01&placed_to=2025-03-01'), ['tz-early']);
  assert.deepEqual(await byExternal('placed_from=2025-03-01&placed_to=2025-03-02'), ['tz-early', 'tz-late']);
  assert.deepEqual(await byExternal('placed_to=2025-02-28'), []);
});

test('a filter value that is not one is a 422 naming it', async () => {
  for (const [query, path] of [
    ['verification=maybe', 'querystring.verification'],
    ['risk_level=extreme', 'querystring.risk_level'],
    ['placed_from=2025-13-01', 'querystring.placed_from'],
    ['placed_to=yesterday', 'querystring.placed_to'],
  ]) {
    const r = await s.api('GET', `/v1/orders?${query}`);
    assertError(r, 422, 'validation_failed');
    assert.deepEqual(errorPaths(r), [path], query);
  }
});
