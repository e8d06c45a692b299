import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { allOrders, assertError, errorPaths, inventory, mobile, place, sku } from './helpers.ts';

describe(`stock at intake (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.stop());

  const body = (lines: { sku: string; quantity: number }[], phone = mobile()) =>
    orderBody({ customer: { name: 'Stock Tester', phone }, lines: lines.map((l) => ({ ...l, unit_price: '10.00' })) });

  const putStock = async (skuName: string, location: string, onHand: number) => {
    const r = await s.api('PUT', `/v1/inventory/${skuName}`, { location, on_hand: onHand });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };

  test('out of stock is 409 out_of_stock naming the SKU; nothing reserved, no order created', async () => {
    const k = sku('OOS');
    await stock(s, k, 2);
    const phone = mobile();
    const res = await s.api('POST', '/v1/orders', body([{ sku: k, quantity: 3 }], phone));
    assertError(res, 409, 'out_of_stock');
    const skus = res.body.error.details.map((d: { sku?: string }) => d.sku);
    assert.deepEqual(skus, [k]);
    assert.equal(res.body.error.details[0].requested, 3);
    assert.equal(res.body.error.details[0].available, 2);
    assert.ok(res.body.error.message.includes(k));
    const inv = await inventory(s, k);
    assert.deepEqual([inv.on_hand, inv.reserved, inv.available], [2, 0, 2]);
    assert.deepEqual(await allOrders(s, `phone=${phone}`), []);
  });

  test('when one SKU of two is short, the other is not reserved either (all or nothing)', async () => {
    const plenty = sku('PLENTY');
    const short = sku('SHORT');
    await stock(s, plenty, 5);
    await stock(s, short, 1);
    const phone = mobile();
    // The plentiful SKU sorts first, so it would be taken before the short one is found.
    const res = await s.api('POST', '/v1/orders', body([{ sku: short, quantity: 2 }, { sku: plenty, quantity: 2 }], phone));
    assertError(res, 409, 'out_of_stock');
    assert.deepEqual(res.body.error.details.map((d: { sku?: string }) => d.sku), [short]);
    assert.equal((await inventory(s, plenty)).reserved, 0);
    assert.equal((await inventory(s, short)).reserved, 0);
    assert.deepEqual(await allOrders(s, `phone=${phone}`), []);
  });

  test('an unknown SKU is 422 unknown_sku', async () => {
    const phone = mobile();
    const res = await s.api('POST', '/v1/orders', body([{ sku: 'NEVER-SEEN', quantity: 1 }], phone));
    assertError(res, 422, 'unknown_sku');
    assert.ok(JSON.stringify(res.body.error).includes('NEVER-SEEN'));
    assert.deepEqual(await allOrders(s, `phone=${phone}`), []);
  });

  test('a product with no stock row yet is out of stock, not unknown', async () => {
    const k = sku('NOSTOCK');
    const p = await s.api('PUT', `/v1/products/${k}`, { name: 'No stock yet', price: '10' });
    assert.equal(p.status, 200);
    assertError(await s.api('POST', '/v1/orders', body([{ sku: k, quantity: 1 }])), 409, 'out_of_stock');
  });

  test('two lines of the same SKU reserve their sum, and are refused when only the sum is too much', async () => {
    const k = sku('TWICE');
    await stock(s, k, 5);
    const order = await place(s, body([{ sku: k, quantity: 2 }, { sku: k, quantity: 2 }]));
    assert.equal(order.lines.length, 2);
    let inv = await inventory(s, k);
    assert.equal(inv.reserved, 4);
    assert.equal(inv.available, 1);

    const k2 = sku('TWICE');
    await stock(s, k2, 5);
    const res = await s.api('POST', '/v1/orders', body([{ sku: k2, quantity: 3 }, { sku: k2, quantity: 3 }]));
    assertError(res, 409, 'out_of_stock');
    inv = await inventory(s, k2);
    assert.equal(inv.reserved, 0);
  });

  test('multi-location: no single location has enough, together they do → reserved across both; cancel gives both back', async () => {
    const k = sku('MULTI');
    const p = await s.api('PUT', `/v1/products/${k}`, { name: 'Multi', price: '10' });
    assert.equal(p.status, 200);
    await putStock(k, 'riyadh', 3);
    const after2 = await putStock(k, 'jeddah', 3);
    assert.equal(after2.on_hand, 6);
    assert.equal(after2.available, 6);
    assert.deepEqual(after2.locations.map((l: { location: string }) => l.location).sort(), ['jeddah', 'riyadh']);

    const order = await place(s, body([{ sku: k, quantity: 5 }]));
    const inv = await inventory(s, k);
    assert.equal(inv.reserved, 5);
    assert.equal(inv.available, 1);
    const byLoc = Object.fromEntries(inv.locations.map((l) => [l.location, l]));
    assert.equal(byLoc.riyadh.reserved + byLoc.jeddah.reserved, 5);
    assert.ok(byLoc.riyadh.reserved > 0 && byLoc.jeddah.reserved > 0, JSON.stringify(inv.locations));
    assert.ok(byLoc.riyadh.reserved <= 3 && byLoc.jeddah.reserved <= 3, 'no location gives more than it has');

    // 2 more than the 1 left anywhere: refused.
    assertError(await s.api('POST', '/v1/orders', body([{ sku: k, quantity: 2 }])), 409, 'out_of_stock');

    const cancel = await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'test' });
    assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
    const back = await inventory(s, k);
    assert.equal(back.reserved, 0);
    assert.equal(back.available, 6);
    assert.ok(back.locations.every((l) => l.reserved === 0));
  });

  test('PUT inventory sets the count per location; the default location is "main"', async () => {
    const k = sku('COUNT');
    await stock(s, k, 4);
    let inv = await inventory(s, k);
    assert.deepEqual(inv.locations.map((l) => [l.location, l.on_hand]), [['main', 4]]);
    await putStock(k, 'main', 7);
    inv = await inventory(s, k);
    assert.equal(inv.on_hand, 7, 'PUT replaces the count, it does not add');
    const bad = await s.api('PUT', `/v1/inventory/${k}`, { on_hand: -1 });
    assertError(bad, 422);
    assert.ok(errorPaths(bad).includes('on_hand'));
    assertError(await s.api('GET', '/v1/inventory/NOT-A-PRODUCT'), 404, 'not_found');
  });

  test('a count below what is reserved shows 0 available, and new orders are refused', async () => {
    const k = sku('SHRINK');
    await stock(s, k, 5);
    await place(s, body([{ sku: k, quantity: 4 }]));
    await putStock(k, 'main', 2); // stock found missing
    const inv = await inventory(s, k);
    assert.equal(inv.reserved, 4);
    assert.equal(inv.available, 0);
    assertError(await s.api('POST', '/v1/orders', body([{ sku: k, quantity: 1 }])), 409, 'out_of_stock');
  });

  test('CONCURRENCY: stock 5, 20 concurrent orders of 1 → exactly 5 × 201 and 15 × 409, reserved 5, available 0', async () => {
    const k = sku('RACE');
    await stock(s, k, 5);
    const results = await Promise.all(Array.from({ length: 20 }, () => s.api('POST', '/v1/orders', body([{ sku: k, quantity: 1 }]))));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 409);
    assert.equal(created.length, 5, JSON.stringify(results.map((r) => r.status)));
    assert.equal(refused.length, 15, JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)));
    for (const r of refused) assertError(r, 409, 'out_of_stock');
    assert.equal(new Set(created.map((r) => r.body.id)).size, 5);
    assert.equal(new Set(created.map((r) => r.body.number)).size, 5, 'order numbers are unique');
    const inv = await inventory(s, k);
    assert.equal(inv.reserved, 5);
    assert.equal(inv.available, 0);
  });

  test('CONCURRENCY across locations: 3 + 3 units, 10 concurrent orders of 2 → exactly 3 succeed, no location over-reserved', async () => {
    const k = sku('RACE2');
    assert.equal((await s.api('PUT', `/v1/products/${k}`, { name: 'Race 2', price: '10' })).status, 200);
    await putStock(k, 'riyadh', 3);
    await putStock(k, 'jeddah', 3);
    const results = await Promise.all(Array.from({ length: 10 }, () => s.api('POST', '/v1/orders', body([{ sku: k, quantity: 2 }]))));
    const statuses = results.map((r) => r.status);
    assert.equal(statuses.filter((x) => x === 201).length, 3, JSON.stringify(statuses));
    assert.equal(statuses.filter((x) => x === 409).length, 7, JSON.stringify(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)));
    const inv = await inventory(s, k);
    assert.equal(inv.reserved, 6);
    assert.equal(inv.available, 0);
    for (const l of inv.locations) assert.ok(l.reserved <= l.on_hand, JSON.stringify(inv.locations));
  });

  test('CONCURRENCY: cancelling one order 6 times at once releases its stock once', async () => {
    const k = sku('CANCELRACE');
    await stock(s, k, 5);
    const keep = await place(s, body([{ sku: k, quantity: 2 }]));
    const order = await place(s, body([{ sku: k, quantity: 3 }]));
    const results = await Promise.all(Array.from({ length: 6 }, () => s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'race' })));
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200, 200, 200, 200], JSON.stringify(results.map((r) => r.body)));
    const inv = await inventory(s, k);
    assert.equal(inv.reserved, 2, 'only the kept order still holds stock');
    assert.equal(inv.available, 3);
    assert.equal((await s.api('GET', `/v1/orders/${keep.id}`)).body.status, 'pending');
  });

  test('stock released by a cancel can be ordered again', async () => {
    const k = sku('REUSE');
    await stock(s, k, 1);
    const a = await place(s, body([{ sku: k, quantity: 1 }]));
    assertError(await s.api('POST', '/v1/orders', body([{ sku: k, quantity: 1 }])), 409, 'out_of_stock');
    assert.equal((await s.api('POST', `/v1/orders/${a.id}/cancel`, { reason: 'x' })).status, 200);
    await place(s, body([{ sku: k, quantity: 1 }]));
    assert.equal((await inventory(s, k)).available, 0);
  });
});
