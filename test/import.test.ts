import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { allOrders, inventory, mobile, place, timelineTypes } from './helpers.ts';

/** Every number found under a property called `key`, anywhere in `value`. */
function countsNamed(value: unknown, key: string): number[] {
  const out: number[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === key && typeof child === 'number') out.push(child);
        walk(child);
      }
    }
  };
  walk(value);
  return out;
}

describe(`POST /v1/orders/import (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'HIST', 3);
  });
  after(() => s.stop());

  const past = (over: Record<string, unknown>) => ({
    ...orderBody({ customer: { name: 'Past Customer', phone: mobile() }, lines: [{ sku: 'HIST', quantity: 5, unit_price: '40.00' }] }),
    placed_at: '2025-03-01T09:30:00.000Z',
    source: 'legacy',
    ...over,
  });

  const runImport = async (orders: unknown[]) => {
    const r = await s.api('POST', '/v1/orders/import', { orders });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { imported: number; duplicates: number; failed: number; results: any[] };
  };

  test('each outcome maps to its status and payment; outcome and placed_at are kept; no stock is touched', async () => {
    const before2 = await inventory(s, 'HIST');
    const cases = [
      { outcome: 'delivered', status: 'completed', payment: 'paid' },
      { outcome: 'refused', status: 'returned' },
      { outcome: 'returned', status: 'returned' },
      { outcome: 'ghost', status: 'cancelled' },
      { outcome: 'cancelled', status: 'cancelled' },
    ];
    const res = await runImport(cases.map((c, i) => past({ external_id: `hist-${i}`, outcome: c.outcome })));
    assert.deepEqual([res.imported, res.duplicates, res.failed], [5, 0, 0], JSON.stringify(res));
    for (const [i, c] of cases.entries()) {
      const r = res.results[i];
      assert.equal(r.status, 'imported');
      assert.equal(r.external_id, `hist-${i}`);
      const order = (await s.api('GET', `/v1/orders/${r.id}`)).body;
      assert.equal(order.status, c.status, `${c.outcome} → ${order.status}`);
      assert.equal(order.outcome, c.outcome);
      assert.equal(order.source, 'legacy');
      assert.equal(new Date(order.placed_at).toISOString(), '2025-03-01T09:30:00.000Z');
      if (c.payment) assert.equal(order.payment.status, c.payment);
      else assert.notEqual(order.payment.status, 'paid', `${c.outcome} was not paid`);
      assert.equal(order.totals.total, '200.00');
      const types = await timelineTypes(s, r.id);
      assert.ok(!types.includes('stock.reserved') && !types.includes('stock.released'), types.join(','));
    }
    // 5 × 5 units of a SKU with 3 on hand, and nothing moved.
    assert.deepEqual(await inventory(s, 'HIST'), before2);
  });

  test('re-importing the same source + external_id reports duplicates and makes no second order', async () => {
    const items = [past({ external_id: 'dup-1', outcome: 'delivered' }), past({ external_id: 'dup-2', outcome: 'refused' })];
    const first = await runImport(items);
    assert.equal(first.imported, 2);
    const again = await runImport(items);
    assert.deepEqual([again.imported, again.duplicates, again.failed], [0, 2, 0]);
    assert.deepEqual(again.results.map((r) => r.status), ['duplicate', 'duplicate']);
    assert.deepEqual(again.results.map((r) => r.id), first.results.map((r) => r.id), 'a duplicate names the order it duplicates');
    assert.equal((await allOrders(s, 'external_id=dup-1')).length, 1);
    // The same external_id from another source is another order.
    const other = await runImport([past({ external_id: 'dup-1', source: 'other-shop', outcome: 'delivered' })]);
    assert.equal(other.imported, 1);
    assert.equal((await allOrders(s, 'external_id=dup-1')).length, 2);
  });

  test('a duplicate inside one batch is reported too', async () => {
    const item = past({ external_id: 'same-batch', outcome: 'ghost' });
    const res = await runImport([item, item]);
    assert.deepEqual(res.results.map((r) => r.status), ['imported', 'duplicate']);
    assert.equal((await allOrders(s, 'external_id=same-batch')).length, 1);
  });

  test('a bad item is reported as failed with a path; the others import', async () => {
    const res = await runImport([
      past({ external_id: 'ok-a', outcome: 'delivered' }),
      past({ external_id: 'bad-outcome', outcome: 'lost_in_space' }),
      past({ external_id: 'ok-b', outcome: 'refused' }),
    ]);
    assert.deepEqual([res.imported, res.failed], [2, 1]);
    assert.deepEqual(res.results.map((r) => r.status), ['imported', 'failed', 'imported']);
    assert.equal(res.results[1].index, 1);
    assert.equal(typeof res.results[1].error.code, 'string');
    assert.ok(res.results[1].error.details.some((d: { path: string }) => d.path === 'orders[1].outcome'), JSON.stringify(res.results[1]));
    assert.deepEqual(await allOrders(s, 'external_id=bad-outcome'), []);
    assert.equal((await allOrders(s, 'external_id=ok-b')).length, 1);
  });

  test('failure paths name the field within its item, in the API\'s path style', async () => {
    const res = await runImport([
      past({ external_id: 'ok-c', outcome: 'delivered' }),
      past({ external_id: 'bad-qty', outcome: 'delivered', lines: [{ sku: 'HIST', quantity: 0, unit_price: '1.00' }] }),
      past({ external_id: 'bad-money', outcome: 'delivered', lines: [{ sku: 'HIST', quantity: 1, unit_price: '1.001' }] }),
      past({ external_id: 'bad-date', outcome: 'delivered', placed_at: 'yesterday-ish' }),
    ]);
    assert.deepEqual(res.results.map((r) => r.status), ['imported', 'failed', 'failed', 'failed']);
    const paths = (i: number) => res.results[i].error.details.map((d: { path: string }) => d.path);
    assert.deepEqual(
      [paths(1), paths(2), paths(3)],
      [['orders[1].lines[0].quantity'], ['orders[2].lines[0].unit_price'], ['orders[3].placed_at']],
    );
  });

  test('an import body that is not a list of orders is refused as a whole', async () => {
    const r = await s.api('POST', '/v1/orders/import', { orders: [] });
    assert.equal(r.status, 422, JSON.stringify(r.body));
    const r2 = await s.api('POST', '/v1/orders/import', { nope: true });
    assert.equal(r2.status, 422, JSON.stringify(r2.body));
  });

  test('imported orders link to the same customer as a later live order with the phone spelled differently', async () => {
    const res = await runImport([
      past({ external_id: 'link-1', outcome: 'refused', customer: { name: 'Returner', phone: '00966 56 777 8888' } }),
      past({ external_id: 'link-2', outcome: 'ghost', customer: { name: 'Returner', phone: '٠٥٦٧٧٧٨٨٨٨' } }),
      past({ external_id: 'link-3', outcome: 'delivered', customer: { name: 'Returner', phone: '+966567778888' } }),
    ]);
    assert.equal(res.imported, 3);
    const imported = await Promise.all(res.results.map(async (r) => (await s.api('GET', `/v1/orders/${r.id}`)).body));
    const customerId = imported[0].customer.id;
    assert.ok(imported.every((o) => o.customer.id === customerId));

    await stock(s, 'LIVE', 5);
    const live = await place(s, orderBody({ customer: { name: 'Returner', phone: '056 777 8888' }, lines: [{ sku: 'LIVE', quantity: 1, unit_price: '10' }] }));
    assert.equal(live.customer.id, customerId);
    assert.equal((await allOrders(s, 'phone=0567778888')).length, 4);

    const c = await s.api('GET', `/v1/customers/${customerId}`);
    assert.equal(c.status, 200);
    assert.equal(c.body.order_count, 4);
  });

  test('the customer profile shows order counts by outcome (API.md: "profile with order counts by outcome")', async () => {
    const phone = mobile();
    const res = await runImport([
      past({ external_id: 'cnt-1', outcome: 'delivered', customer: { name: 'Counted', phone } }),
      past({ external_id: 'cnt-2', outcome: 'delivered', customer: { name: 'Counted', phone } }),
      past({ external_id: 'cnt-3', outcome: 'refused', customer: { name: 'Counted', phone } }),
      past({ external_id: 'cnt-4', outcome: 'ghost', customer: { name: 'Counted', phone } }),
    ]);
    assert.equal(res.imported, 4);
    const order = (await s.api('GET', `/v1/orders/${res.results[0].id}`)).body;
    const c = await s.api('GET', `/v1/customers/${order.customer.id}`);
    assert.equal(c.status, 200);
    assert.ok(countsNamed(c.body, 'delivered').includes(2), `no delivered: 2 in ${JSON.stringify(c.body)}`);
    assert.ok(countsNamed(c.body, 'refused').includes(1), `no refused: 1 in ${JSON.stringify(c.body)}`);
    assert.ok(countsNamed(c.body, 'ghost').includes(1), `no ghost: 1 in ${JSON.stringify(c.body)}`);
  });

  test('an import is idempotent under its Idempotency-Key', async () => {
    const h = { 'idempotency-key': `import-${dbLabel}-1` };
    const body = { orders: [past({ external_id: 'idem-imp', outcome: 'delivered' })] };
    const a = await s.api('POST', '/v1/orders/import', body, h);
    const b = await s.api('POST', '/v1/orders/import', body, h);
    assert.equal(a.status, 200);
    assert.deepEqual(b.body, a.body, 'the replay answers as the first time (imported, not duplicate)');
  });
});
