import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { forgetOldKeys } from '../src/platform/http/idempotency.ts';
import { allOrders, assertError, errorPaths, inventory, mobile, place, sku, timelineTypes } from './helpers.ts';

describe(`Idempotency-Key (${dbLabel})`, () => {
  let s: TestServer;
  let n = 0;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.stop());

  const key = () => `idem-${dbLabel}-${Date.now()}-${++n}`;
  const body = (skuName: string, over: Record<string, unknown> = {}) =>
    orderBody({ customer: { name: 'Idem Tester', phone: mobile() }, lines: [{ sku: skuName, quantity: 1, unit_price: '10.00' }], ...over });

  test('same key + same body → same status and body, one order, stock reserved once', async () => {
    const k = sku('IDEM');
    await stock(s, k, 10);
    const b = body(k, { external_id: 'idem-1' });
    const h = { 'idempotency-key': key() };
    const first = await s.api('POST', '/v1/orders', b, h);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    const second = await s.api('POST', '/v1/orders', b, h);
    assert.equal(second.status, 201);
    assert.deepEqual(second.body, first.body);
    const third = await s.api('POST', '/v1/orders', b, h);
    assert.deepEqual(third.body, first.body);

    assert.deepEqual((await allOrders(s, 'external_id=idem-1')).map((o) => o.id), [first.body.id]);
    assert.equal((await inventory(s, k)).reserved, 1);
    assert.deepEqual(await timelineTypes(s, first.body.id), ['order.placed', 'risk.assessed', 'stock.reserved']);
  });

  test('a replay without external_id also makes no second order', async () => {
    const k = sku('IDEM');
    await stock(s, k, 10);
    const phone = mobile();
    const b = orderBody({ customer: { name: 'No Ext', phone }, lines: [{ sku: k, quantity: 2, unit_price: '10.00' }] });
    const h = { 'idempotency-key': key() };
    const first = await s.api('POST', '/v1/orders', b, h);
    const second = await s.api('POST', '/v1/orders', b, h);
    assert.equal(first.status, 201);
    assert.equal(second.body.id, first.body.id);
    assert.equal((await allOrders(s, `phone=${phone}`)).length, 1);
    assert.equal((await inventory(s, k)).reserved, 2);
  });

  test('same key + different body → 409 idempotency_key_reused, and no order from the second body', async () => {
    const k = sku('IDEM');
    await stock(s, k, 10);
    const h = { 'idempotency-key': key() };
    const first = await s.api('POST', '/v1/orders', body(k, { external_id: 'idem-2a' }), h);
    assert.equal(first.status, 201);
    const other = await s.api('POST', '/v1/orders', body(k, { external_id: 'idem-2b' }), h);
    assertError(other, 409, 'idempotency_key_reused');
    assert.deepEqual(await allOrders(s, 'external_id=idem-2b'), []);
    assert.equal((await inventory(s, k)).reserved, 1);
  });

  test('the same key on another endpoint is a different request → 409', async () => {
    const k = sku('IDEM');
    await stock(s, k, 10);
    const h = { 'idempotency-key': key() };
    const order = await place(s, body(k), h);
    const cancel = await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'reuse' }, h);
    assertError(cancel, 409, 'idempotency_key_reused');
    assert.equal((await s.api('GET', `/v1/orders/${order.id}`)).body.status, 'pending');
  });

  test('10 concurrent requests with one key → one order, every answer the same 201', async () => {
    const k = sku('IDEMC');
    await stock(s, k, 10);
    const b = body(k, { external_id: 'idem-conc' });
    const h = { 'idempotency-key': key() };
    const results = await Promise.all(Array.from({ length: 10 }, () => s.api('POST', '/v1/orders', b, h)));
    assert.deepEqual(results.map((r) => r.status), Array(10).fill(201), JSON.stringify(results.filter((r) => r.status !== 201).map((r) => r.body)));
    assert.equal(new Set(results.map((r) => r.body.id)).size, 1);
    assert.equal((await allOrders(s, 'external_id=idem-conc')).length, 1);
    assert.equal((await inventory(s, k)).reserved, 1);
  });

  test('10 concurrent requests with one key and no external_id → one order', async () => {
    const k = sku('IDEMC');
    await stock(s, k, 10);
    const phone = mobile();
    const b = orderBody({ customer: { name: 'Conc', phone }, lines: [{ sku: k, quantity: 1, unit_price: '10.00' }] });
    const h = { 'idempotency-key': key() };
    const results = await Promise.all(Array.from({ length: 10 }, () => s.api('POST', '/v1/orders', b, h)));
    assert.deepEqual(results.map((r) => r.status), Array(10).fill(201));
    assert.equal((await allOrders(s, `phone=${phone}`)).length, 1);
    assert.equal((await inventory(s, k)).reserved, 1);
  });

  test('a failed request (422) stores nothing: the corrected body with the same key → 201', async () => {
    const k = sku('IDEMF');
    await stock(s, k, 10);
    const h = { 'idempotency-key': key() };
    const base = body(k, { external_id: 'idem-fix' });
    const bad = await s.api('POST', '/v1/orders', { ...base, total: '999.00' }, h);
    assertError(bad, 422);
    assert.ok(errorPaths(bad).includes('total'));
    const good = await s.api('POST', '/v1/orders', { ...base, total: '10.00' }, h);
    assert.equal(good.status, 201, JSON.stringify(good.body));
    // ...and from then on the key is bound to the corrected body.
    const replay = await s.api('POST', '/v1/orders', { ...base, total: '10.00' }, h);
    assert.equal(replay.status, 201);
    assert.equal(replay.body.id, good.body.id);
    assert.equal((await allOrders(s, 'external_id=idem-fix')).length, 1);
  });

  test('a refused request (409 out_of_stock) stores nothing: after a restock the same key and body → 201', async () => {
    const k = sku('IDEMS');
    await stock(s, k, 0);
    const h = { 'idempotency-key': key() };
    const b = body(k, { external_id: 'idem-restock' });
    assertError(await s.api('POST', '/v1/orders', b, h), 409, 'out_of_stock');
    await stock(s, k, 3);
    const ok = await s.api('POST', '/v1/orders', b, h);
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal((await inventory(s, k)).reserved, 1);
  });

  test('status changes are idempotent too: a replayed cancel gives the same answer', async () => {
    const k = sku('IDEMX');
    await stock(s, k, 3);
    const order = await place(s, body(k));
    const h = { 'idempotency-key': key() };
    const first = await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'changed mind' }, h);
    assert.equal(first.status, 200);
    const second = await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'changed mind' }, h);
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, first.body);
    assert.equal((await timelineTypes(s, order.id)).filter((t) => t === 'order.cancelled').length, 1);
  });

  test('keys are per request, not global: two different keys make two orders', async () => {
    const k = sku('IDEMK');
    await stock(s, k, 3);
    const phone = mobile();
    const b = orderBody({ customer: { name: 'Two Keys', phone }, lines: [{ sku: k, quantity: 1, unit_price: '10.00' }] });
    await place(s, b, { 'idempotency-key': key() });
    await place(s, b, { 'idempotency-key': key() });
    assert.equal((await allOrders(s, `phone=${phone}`)).length, 2);
  });

  test('an unusable Idempotency-Key (longer than 255) is 400, with no effect', async () => {
    const k = sku('IDEMB');
    await stock(s, k, 3);
    const phone = mobile();
    const res = await s.api('POST', '/v1/orders', orderBody({ customer: { name: 'Bad Key', phone }, lines: [{ sku: k, quantity: 1, unit_price: '10' }] }), { 'idempotency-key': 'k'.repeat(300) });
    assertError(res, 400);
    assert.equal((await allOrders(s, `phone=${phone}`)).length, 0);
  });
  test('a key is remembered for a week, then forgotten: the same request after that is a new one', async () => {
    const k = sku('IDEMOLD');
    await stock(s, k, 10);
    const h = { 'idempotency-key': key() };
    const b = body(k);
    const first = await s.api('POST', '/v1/orders', b, h);
    assert.equal(first.status, 201);
    assert.equal(await forgetOldKeys(s.db), 0, 'a fresh key is kept');
    assert.deepEqual((await s.api('POST', '/v1/orders', b, h)).body.id, first.body.id);
    await s.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '8 days' WHERE key = $1`, [h['idempotency-key']]);
    assert.equal(await forgetOldKeys(s.db), 1);
    const later = await s.api('POST', '/v1/orders', b, h);
    assert.equal(later.status, 201);
    assert.notEqual(later.body.id, first.body.id);
  });
});
