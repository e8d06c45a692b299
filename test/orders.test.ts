import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';

describe(`orders over HTTP (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'TSHIRT', 10);
  });
  after(() => s.stop());

  test('an order reserves its stock and starts pending with a timeline', async () => {
    const res = await s.api('POST', '/v1/orders', orderBody({ lines: [{ sku: 'TSHIRT', quantity: 2, unit_price: '99.50' }], shipping_total: '25', total: '224.00' }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.match(res.body.id, /^ord_/);
    assert.equal(res.body.status, 'pending');
    assert.equal(res.body.verification.status, 'pending');
    assert.equal(res.body.customer.phone_e164, '+966501234567');
    assert.deepEqual(res.body.totals, { subtotal: '199.00', shipping: '25.00', discount: '0.00', tax: '0.00', total: '224.00', currency: 'SAR' });
    const inv = await s.api('GET', '/v1/inventory/TSHIRT');
    assert.equal(inv.body.reserved, 2);
    assert.equal(inv.body.available, 8);
    const timeline = await s.api('GET', `/v1/orders/${res.body.id}/timeline`);
    assert.deepEqual(timeline.body.data.map((e: { type: string }) => e.type), ['order.placed', 'stock.reserved']);
  });
});
