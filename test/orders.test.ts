import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { allOrders, assertError, errorPaths, inventory, mobile, place, saE164, sku, timelineTypes } from './helpers.ts';

describe(`orders over HTTP (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'TSHIRT', 10);
  });
  after(() => s.stop());

  /** An order body for a fresh customer buying `qty` of `skuName`. */
  const body = (skuName: string, over: Record<string, unknown> = {}, qty = 1, price = '99.50') =>
    orderBody({
      customer: { name: 'Test Customer', phone: mobile() },
      lines: [{ sku: skuName, quantity: qty, unit_price: price }],
      ...over,
    });

  test('an order reserves its stock and starts pending with a timeline', async () => {
    const res = await s.api('POST', '/v1/orders', orderBody({ lines: [{ sku: 'TSHIRT', quantity: 2, unit_price: '99.50' }], shipping_total: '25', total: '224.00' }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.id, /^ord_/);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.verification.status, 'pending');
    assert.match(res.body.customer.phone_e164, /^\+9665020\d{5}$/);
    assert.deepEqual(res.body.totals, { subtotal: '199.00', shipping: '25.00', discount: '0.00', tax: '0.00', total: '224.00', currency: 'SAR' });
    const inv = await s.api('GET', '/v1/inventory/TSHIRT');
    assert.equal(inv.body.reserved, 2);
    assert.equal(inv.body.available, 8);
    const timeline = await s.api('GET', `/v1/orders/${res.body.id}/timeline`);
    assert.deepEqual(timeline.body.data.map((e: { type: string }) => e.type), ['order.placed', 'risk.assessed', 'stock.reserved']);
  });

  test('GET /v1/orders/{id} returns the order exactly as the 201 described it', async () => {
    const k = sku('GET');
    await stock(s, k, 3);
    const created = await place(s, body(k, { note: 'ring twice', delivery: { option: 'express', window: '18:00-21:00' } }));
    const got = await s.api('GET', `/v1/orders/${created.id}`);
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, created);
    assert.equal(got.body.note, 'ring twice');
    assert.deepEqual(got.body.delivery, { option: 'express', window: '18:00-21:00' });
    assert.equal(typeof got.body.number, 'number');
    assert.equal(got.body.source, 'api');
  });

  describe('money', () => {
    test('KWD amounts keep three decimals, exactly', async () => {
      const k = sku('KWD');
      await stock(s, k, 5);
      const order = await place(
        s,
        body(k, { currency: 'KWD', shipping_total: '1.5', total: '26.190' }, 2, '12.345'),
      );
      assert.deepEqual(order.totals, { subtotal: '24.690', shipping: '1.500', discount: '0.000', tax: '0.000', total: '26.190', currency: 'KWD' });
      assert.equal(order.lines[0].unit_price, '12.345');
      assert.equal(order.lines[0].total, '24.690');
    });

    test('KWD with four decimals is refused with the line path', async () => {
      const k = sku('KWD4');
      await stock(s, k, 5);
      const res = await s.api('POST', '/v1/orders', body(k, { currency: 'KWD' }, 1, '12.3456'));
      assertError(res, 422);
      assert.ok(errorPaths(res).includes('lines[0].unit_price'), JSON.stringify(res.body));
    });

    test('SAR "199.5" is 199.50; "199.555" is 422 on lines[0].unit_price and reserves nothing', async () => {
      const k = sku('SAR');
      await stock(s, k, 5);
      const ok = await place(s, body(k, { total: '199.5' }, 1, '199.5'));
      assert.equal(ok.lines[0].unit_price, '199.50');
      assert.equal(ok.totals.total, '199.50');

      const bad = await s.api('POST', '/v1/orders', body(k, {}, 1, '199.555'));
      assertError(bad, 422);
      assert.ok(errorPaths(bad).includes('lines[0].unit_price'), JSON.stringify(bad.body));
      const inv = await inventory(s, k);
      assert.equal(inv.reserved, 1, 'only the first order holds stock');
    });

    test('a total that does not add up is 422 on `total`, and nothing is reserved', async () => {
      const k = sku('TOT');
      await stock(s, k, 5);
      const phone = mobile();
      const res = await s.api('POST', '/v1/orders', orderBody({
        customer: { name: 'Wrong Total', phone },
        lines: [{ sku: k, quantity: 2, unit_price: '50.00' }],
        shipping_total: '10',
        total: '100.00',
      }));
      assertError(res, 422);
      assert.ok(errorPaths(res).includes('total'), JSON.stringify(res.body));
      assert.equal((await inventory(s, k)).reserved, 0);
      assert.equal((await allOrders(s, `phone=${phone}`)).length, 0);
    });

    test('tax-inclusive totals (total = subtotal + shipping − discount) are accepted, and so are tax-exclusive ones', async () => {
      const k = sku('TAX');
      await stock(s, k, 5);
      const inclusive = await place(s, body(k, { shipping_total: '20.00', discount_total: '10.00', tax_total: '14.35', total: '110.00' }, 1, '100.00'));
      assert.deepEqual(inclusive.totals, { subtotal: '100.00', shipping: '20.00', discount: '10.00', tax: '14.35', total: '110.00', currency: 'SAR' });
      const exclusive = await place(s, body(k, { shipping_total: '20.00', discount_total: '10.00', tax_total: '16.50', total: '126.50' }, 1, '100.00'));
      assert.equal(exclusive.totals.total, '126.50');
      // With no total given, the order's total is computed (tax on top).
      const computed = await place(s, body(k, { shipping_total: '20.00', tax_total: '18.00' }, 1, '100.00'));
      assert.equal(computed.totals.total, '138.00');
    });

    test('a discount bigger than the order is 422 on discount_total', async () => {
      const k = sku('DISC');
      await stock(s, k, 5);
      const res = await s.api('POST', '/v1/orders', body(k, { shipping_total: '10.00', discount_total: '60.01' }, 1, '50.00'));
      assertError(res, 422);
      assert.ok(errorPaths(res).includes('discount_total'), JSON.stringify(res.body));
      assert.equal((await inventory(s, k)).reserved, 0);
      // A discount of the whole order (a free order) is fine.
      const free = await place(s, body(k, { shipping_total: '10.00', discount_total: '60.00', total: '0' }, 1, '50.00'));
      assert.equal(free.totals.total, '0.00');
    });
  });

  describe('phones and risk', () => {
    test('a phone that is not a number at all ("call me") is 422 on customer.phone', async () => {
      const k = sku('PH');
      await stock(s, k, 5);
      const res = await s.api('POST', '/v1/orders', orderBody({ customer: { name: 'No Phone', phone: 'call me' }, lines: [{ sku: k, quantity: 1, unit_price: '10' }] }));
      assertError(res, 422);
      assert.ok(errorPaths(res).includes('customer.phone'), JSON.stringify(res.body));
      assert.equal((await inventory(s, k)).reserved, 0);
    });

    test('a phone that reads but is invalid ("0501") is accepted with phone_e164 null and risk phone_invalid', async () => {
      const k = sku('PH');
      await stock(s, k, 5);
      const order = await place(s, orderBody({ customer: { name: 'Short Phone', phone: '0501' }, lines: [{ sku: k, quantity: 1, unit_price: '10' }] }));
      assert.equal(order.customer.phone, '0501');
      assert.equal(order.customer.phone_e164, null);
      const codes = order.risk.reasons.map((r: { code: string }) => r.code);
      assert.ok(codes.includes('phone_invalid'), JSON.stringify(order.risk));
      assert.ok(order.risk.reasons.every((r: { message: unknown }) => typeof r.message === 'string' && r.message.length > 0));
      assert.ok(['low', 'medium', 'high', 'blocked'].includes(order.risk.level));
      assert.notEqual(order.risk.level, 'low', 'an unreachable phone is not low risk');
    });

    test('a landline is accepted with its E.164 and risk phone_landline', async () => {
      const k = sku('PH');
      await stock(s, k, 5);
      const order = await place(s, orderBody({ customer: { name: 'Landline', phone: '011 234 5678' }, lines: [{ sku: k, quantity: 1, unit_price: '10' }] }));
      assert.equal(order.customer.phone, '011 234 5678', 'phone is returned as given');
      assert.equal(order.customer.phone_e164, '+966112345678');
      const codes = order.risk.reasons.map((r: { code: string }) => r.code);
      assert.ok(codes.includes('phone_landline'), JSON.stringify(order.risk));
      assert.ok(!codes.includes('phone_invalid'));
    });

    test('a good mobile carries no phone risk reason', async () => {
      const k = sku('PH');
      await stock(s, k, 5);
      const order = await place(s, body(k));
      const codes = order.risk.reasons.map((r: { code: string }) => r.code);
      assert.ok(!codes.includes('phone_invalid') && !codes.includes('phone_landline'), JSON.stringify(order.risk));
    });
  });

  describe('payment', () => {
    test('an online paid order is confirmed at once, verification not_required', async () => {
      const k = sku('PAY');
      await stock(s, k, 5);
      const order = await place(s, body(k, { payment: { method: 'online', status: 'paid' } }));
      assert.equal(order.status, 'confirmed');
      assert.equal(order.verification.status, 'not_required');
      assert.deepEqual(order.payment, { method: 'online', status: 'paid' });
      assert.equal((await inventory(s, k)).reserved, 1);
    });

    test('an online order not yet paid, and a COD order, await confirmation', async () => {
      const k = sku('PAY');
      await stock(s, k, 5);
      const online = await place(s, body(k, { payment: { method: 'online', status: 'pending' } }));
      assert.equal(online.status, 'pending');
      assert.notEqual(online.verification.status, 'not_required');
      const cod = await place(s, body(k, { payment: { method: 'cod' } }));
      assert.equal(cod.status, 'pending');
      assert.deepEqual(cod.payment, { method: 'cod', status: 'pending' });
    });
  });

  describe('status changes', () => {
    test('confirm: pending → confirmed with an order.confirmed event; confirming twice is harmless', async () => {
      const k = sku('CONF');
      await stock(s, k, 5);
      const order = await place(s, body(k));
      const res = await s.api('POST', `/v1/orders/${order.id}/confirm`, {});
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'confirmed');
      assert.equal(res.body.verification.status, 'confirmed');
      assert.equal((await s.api('GET', `/v1/orders/${order.id}`)).body.status, 'confirmed');
      assert.deepEqual(await timelineTypes(s, order.id), ['order.placed', 'risk.assessed', 'stock.reserved', 'order.confirmed']);

      const again = await s.api('POST', `/v1/orders/${order.id}/confirm`, {});
      assert.equal(again.status, 200);
      assert.equal(again.body.status, 'confirmed');
      assert.equal((await timelineTypes(s, order.id)).filter((t) => t === 'order.confirmed').length, 1);
      assert.equal((await inventory(s, k)).reserved, 1, 'confirming does not reserve again');
    });

    test('cancel: releases the stock with order.cancelled + stock.released; cancelling twice releases once', async () => {
      const k = sku('CANC');
      await stock(s, k, 5);
      const a = await place(s, body(k, {}, 2));
      const b = await place(s, body(k, {}, 1));
      assert.equal((await inventory(s, k)).reserved, 3);

      const res = await s.api('POST', `/v1/orders/${a.id}/cancel`, { reason: 'customer changed their mind' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'cancelled');
      let inv = await inventory(s, k);
      assert.equal(inv.reserved, 1);
      assert.equal(inv.available, 4);
      assert.deepEqual(await timelineTypes(s, a.id), ['order.placed', 'risk.assessed', 'stock.reserved', 'order.cancelled', 'stock.released']);

      const again = await s.api('POST', `/v1/orders/${a.id}/cancel`, { reason: 'again' });
      assert.equal(again.status, 200, JSON.stringify(again.body));
      assert.equal(again.body.status, 'cancelled');
      inv = await inventory(s, k);
      assert.equal(inv.reserved, 1, "the second cancel must not release order b's stock");
      assert.equal(inv.available, 4);
      assert.equal((await timelineTypes(s, a.id)).filter((t) => t === 'stock.released').length, 1);
      assert.equal((await s.api('GET', `/v1/orders/${b.id}`)).body.status, 'pending');
    });

    test('a confirmed order can be cancelled and gives its stock back', async () => {
      const k = sku('CANC');
      await stock(s, k, 2);
      const order = await place(s, body(k, {}, 2));
      assert.equal((await s.api('POST', `/v1/orders/${order.id}/confirm`, {})).status, 200);
      const res = await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'out of delivery area' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'cancelled');
      assert.equal((await inventory(s, k)).available, 2);
    });

    test('cancel needs a reason (422 on reason)', async () => {
      const k = sku('CANC');
      await stock(s, k, 2);
      const order = await place(s, body(k));
      const res = await s.api('POST', `/v1/orders/${order.id}/cancel`, {});
      assertError(res, 422);
      assert.ok(errorPaths(res).includes('reason'), JSON.stringify(res.body));
      assert.equal((await s.api('GET', `/v1/orders/${order.id}`)).body.status, 'pending');
    });

    test('hold and release: on_hold with the reason (order.held), then back to pending (order.released), stock held once', async () => {
      const k = sku('HOLD');
      await stock(s, k, 5);
      const order = await place(s, body(k, {}, 2));
      const held = await s.api('POST', `/v1/orders/${order.id}/hold`, { reason: 'address looks wrong' });
      assert.equal(held.status, 200, JSON.stringify(held.body));
      assert.equal(held.body.status, 'on_hold');
      assert.ok(JSON.stringify(held.body.hold_reasons).includes('address looks wrong'), JSON.stringify(held.body.hold_reasons));

      const released = await s.api('POST', `/v1/orders/${order.id}/release`, { note: 'called, fixed' });
      assert.equal(released.status, 200, JSON.stringify(released.body));
      assert.equal(released.body.status, 'pending');
      assert.deepEqual(released.body.hold_reasons, []);
      assert.deepEqual(await timelineTypes(s, order.id), ['order.placed', 'risk.assessed', 'stock.reserved', 'order.held', 'order.released']);
      const inv = await inventory(s, k);
      assert.equal(inv.reserved, 2, 'the hold and release neither free nor double the reservation');
    });

    test('cancelling a held order gives its stock back', async () => {
      const k = sku('HOLD');
      await stock(s, k, 4);
      const order = await place(s, body(k, {}, 3));
      assert.equal((await s.api('POST', `/v1/orders/${order.id}/hold`, { reason: 'suspicious' })).body.status, 'on_hold');
      const res = await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'fraud confirmed' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.status, 'cancelled');
      const inv = await inventory(s, k);
      assert.deepEqual([inv.reserved, inv.available], [0, 4]);
    });

    test('timeline events say who did what and when', async () => {
      const k = sku('WHO');
      await stock(s, k, 2);
      const order = await place(s, body(k));
      await s.api('POST', `/v1/orders/${order.id}/confirm`, { note: 'customer called us' });
      const t = await s.api('GET', `/v1/orders/${order.id}/timeline`);
      const confirmed = t.body.data.find((e: { type: string }) => e.type === 'order.confirmed');
      assert.ok(confirmed, JSON.stringify(t.body));
      assert.equal(confirmed.actor.type, 'api_key');
      assert.ok(!Number.isNaN(new Date(confirmed.created_at).getTime()));
      assert.equal(confirmed.data.note, 'customer called us');
      const times = t.body.data.map((e: { created_at: string }) => new Date(e.created_at).getTime());
      assert.deepEqual(times, [...times].sort((a: number, b: number) => a - b), 'oldest first');
    });

    test('a held online-paid order is released straight to confirmed', async () => {
      const k = sku('HOLD');
      await stock(s, k, 5);
      const order = await place(s, body(k, { payment: { method: 'online', status: 'paid' } }));
      assert.equal((await s.api('POST', `/v1/orders/${order.id}/hold`, { reason: 'check fraud' })).body.status, 'on_hold');
      const released = await s.api('POST', `/v1/orders/${order.id}/release`, {});
      assert.equal(released.status, 200, JSON.stringify(released.body));
      assert.equal(released.body.status, 'confirmed');
    });

    test('a hold on an already-confirmed order, once released, leaves it confirmed (not awaiting confirmation again)', async () => {
      const k = sku('HOLD');
      await stock(s, k, 5);
      const order = await place(s, body(k));
      assert.equal((await s.api('POST', `/v1/orders/${order.id}/confirm`, {})).body.status, 'confirmed');
      assert.equal((await s.api('POST', `/v1/orders/${order.id}/hold`, { reason: 'wait for restock of gift' })).body.status, 'on_hold');
      const released = await s.api('POST', `/v1/orders/${order.id}/release`, {});
      assert.equal(released.status, 200, JSON.stringify(released.body));
      // The customer already confirmed: `pending` means "awaiting confirmation" (API.md).
      assert.equal(released.body.verification.status, 'confirmed');
      assert.equal(released.body.status, 'confirmed');
    });

    test('illegal transitions are 409 invalid_transition and change nothing', async () => {
      const k = sku('ILL');
      await stock(s, k, 5);
      const order = await place(s, body(k));
      assert.equal((await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'test' })).status, 200);

      const confirm = await s.api('POST', `/v1/orders/${order.id}/confirm`, {});
      assertError(confirm, 409, 'invalid_transition');
      const hold = await s.api('POST', `/v1/orders/${order.id}/hold`, { reason: 'x' });
      assertError(hold, 409, 'invalid_transition');
      const release = await s.api('POST', `/v1/orders/${order.id}/release`, {});
      assertError(release, 409, 'invalid_transition');

      const got = await s.api('GET', `/v1/orders/${order.id}`);
      assert.equal(got.body.status, 'cancelled');
      assert.equal((await inventory(s, k)).reserved, 0, 'a refused confirm does not take the stock again');
      assert.deepEqual(await timelineTypes(s, order.id), ['order.placed', 'risk.assessed', 'stock.reserved', 'order.cancelled', 'stock.released']);

      // Releasing an order that is not on hold is refused too.
      const pending = await place(s, body(k));
      assertError(await s.api('POST', `/v1/orders/${pending.id}/release`, {}), 409, 'invalid_transition');
      assert.equal((await s.api('GET', `/v1/orders/${pending.id}`)).body.status, 'pending');
    });
  });

  describe('lookups and duplicates', () => {
    test('an unknown order is 404 in the error shape (GET, timeline, confirm, cancel)', async () => {
      const id = 'ord_01aaaaaaaaaaaaaaaaaaaaaaaa';
      assertError(await s.api('GET', `/v1/orders/${id}`), 404, 'not_found');
      assertError(await s.api('GET', `/v1/orders/${id}/timeline`), 404, 'not_found');
      assertError(await s.api('POST', `/v1/orders/${id}/confirm`, {}), 404, 'not_found');
      assertError(await s.api('POST', `/v1/orders/${id}/cancel`, { reason: 'x' }), 404, 'not_found');
    });

    test('a duplicate external_id is 409 duplicate_external_id and reserves nothing more', async () => {
      const k = sku('DUP');
      await stock(s, k, 5);
      const first = await place(s, body(k, { external_id: 'shop-1001' }));
      assert.equal(first.external_id, 'shop-1001');
      const dup = await s.api('POST', '/v1/orders', body(k, { external_id: 'shop-1001' }));
      assertError(dup, 409, 'duplicate_external_id');
      assert.ok(errorPaths(dup).includes('external_id'));
      assert.equal((await inventory(s, k)).reserved, 1);
      const listed = await allOrders(s, 'external_id=shop-1001');
      assert.deepEqual(listed.map((o) => o.id), [first.id]);
    });

    test('concurrent orders with one external_id: exactly one 201, the rest 409 duplicate_external_id (never 500)', async () => {
      const k = sku('DUPC');
      await stock(s, k, 100);
      for (let round = 0; round < 4; round++) {
        const ext = `race-${round}`;
        const results = await Promise.all(
          Array.from({ length: 8 }, () => s.api('POST', '/v1/orders', body(k, { external_id: ext }))),
        );
        const statuses = results.map((r) => r.status).sort();
        assert.deepEqual(statuses, [201, 409, 409, 409, 409, 409, 409, 409], JSON.stringify(results.filter((r) => r.status !== 201).map((r) => r.body)));
        for (const r of results.filter((x) => x.status !== 201)) assertError(r, 409, 'duplicate_external_id');
        assert.equal((await allOrders(s, `external_id=${ext}`)).length, 1);
        assert.equal((await inventory(s, k)).reserved, round + 1);
      }
    });

    test('the customer phone comes back as given and as E.164', async () => {
      const k = sku('E164');
      await stock(s, k, 5);
      const order = await place(s, orderBody({ customer: { name: 'Bidi', phone: '\u200f+966 55 999 0001' }, lines: [{ sku: k, quantity: 1, unit_price: '10' }] }));
      assert.equal(order.customer.phone, '\u200f+966 55 999 0001');
      assert.equal(order.customer.phone_e164, '+966559990001');
      assert.equal(saE164('0559990001'), order.customer.phone_e164);
    });
  });
});
