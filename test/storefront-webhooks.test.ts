import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { storefronts, type StorefrontName } from '../src/modules/integrations/index.ts';
import { dbLabel, startTestServer, stock, type TestServer } from './harness.ts';

const fixture = (name: string) => readFileSync(new URL(`../src/modules/integrations/storefronts/fixtures/${name}`, import.meta.url));
const SECRET = 'whsec_test_0123456789abcdef';

interface Platform {
  name: StorefrontName;
  file: string;
  headers(body: Buffer, secret: string, topic?: string): Record<string, string>;
  createTopic: string;
}

const platforms: Platform[] = [
  {
    name: 'shopify',
    file: 'shopify-orders-create-sa-cod.json',
    createTopic: 'orders/create',
    headers: (body, secret, topic = 'orders/create') => ({
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
    }),
  },
  {
    name: 'woocommerce',
    file: 'woocommerce-order-sa-cod.json',
    createTopic: 'order.created',
    headers: (body, secret, topic = 'order.created') => ({
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-signature': createHmac('sha256', secret).update(body).digest('base64'),
    }),
  },
  {
    name: 'salla',
    file: 'salla-order-created-sa-cod.json',
    createTopic: 'order.created',
    headers: (body, secret) => ({
      'x-salla-security-strategy': 'Signature',
      'x-salla-signature': createHmac('sha256', secret).update(body).digest('hex'),
    }),
  },
];

async function post(s: TestServer, platform: string, body: Buffer, headers: Record<string, string>, storeId = s.storeId) {
  const res = await fetch(`${s.url}/v1/webhooks/${platform}/${storeId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function waitForOrder(s: TestServer, source: string, externalId: string, until: (o: any) => boolean = () => true) {
  for (let i = 0; i < 100; i++) {
    const res = await s.api('GET', `/v1/orders?external_id=${encodeURIComponent(externalId)}`);
    const found = res.body.data.filter((o: any) => o.source === source);
    if (found.length && until(found[0])) return found;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no ${source} order ${externalId} in time`);
}

describe(`storefront webhooks (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.stop());

  test('a store without a secret refuses deliveries with a clear reason', async () => {
    const body = fixture('salla-order-created-sa-cod.json');
    const res = await post(s, 'salla', body, platforms[2].headers(body, SECRET));
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'webhook_not_configured');
  });

  test('an unknown store id is 404', async () => {
    const body = fixture('salla-order-created-sa-cod.json');
    const res = await post(s, 'salla', body, platforms[2].headers(body, SECRET), 'str_00000000000000000000000000');
    assert.equal(res.status, 404);
  });

  for (const p of platforms) {
    test(`${p.name}: the published sample becomes one COD order; redelivery makes no second; a bad signature is 401`, async () => {
      const patch = await s.api('PATCH', '/v1/store/settings', { integrations: { [p.name]: { webhook_secret: SECRET } } });
      assert.equal(patch.status, 200);
      const body = fixture(p.file);
      const event = storefronts[p.name].parse(body, p.headers(body, SECRET));
      assert.equal(event.kind, 'order');
      for (const line of event.order!.lines) if (!line.sku.includes(':')) await stock(s, line.sku, 50);

      const bad = await post(s, p.name, body, p.headers(body, 'not-the-secret-at-all'));
      assert.equal(bad.status, 401);
      assert.equal(bad.body.error.code, 'unauthorized');

      const first = await post(s, p.name, body, p.headers(body, SECRET));
      assert.equal(first.status, 200, JSON.stringify(first.body));
      assert.equal(first.body.duplicate, false);
      const [order] = await waitForOrder(s, p.name, event.externalId!);
      assert.equal(order.source, p.name);
      assert.equal(order.external_id, event.externalId);
      assert.equal(order.payment.method, 'cod');
      assert.equal(order.totals.total, event.order!.total);
      assert.equal(order.customer.phone_e164?.startsWith('+966'), true, order.customer.phone);
      const unknownSku = event.order!.lines.some((l) => l.sku.includes(':'));
      assert.equal(order.status, unknownSku ? 'on_hold' : 'pending', JSON.stringify(order.hold_reasons));
      if (unknownSku) assert.equal(order.hold_reasons[0].code, 'unknown_sku');

      const again = await post(s, p.name, body, p.headers(body, SECRET));
      assert.equal(again.status, 200);
      assert.equal(again.body.duplicate, true);
      await new Promise((r) => setTimeout(r, 200));
      const list = await s.api('GET', `/v1/orders?external_id=${event.externalId}`);
      assert.equal(list.body.data.filter((o: any) => o.source === p.name).length, 1);
    });
  }

  test('a storefront order is never refused for stock: it is held with the reason, and released once stock arrives', async () => {
    const body = Buffer.from(fixture('shopify-orders-create-sa-cod.json').toString().replaceAll('"id": 820982911946154508', '"id": 820982911946154999'));
    await s.api('PATCH', '/v1/store/settings', { integrations: { shopify: { webhook_secret: SECRET } } });
    const event = storefronts.shopify.parse(body, platforms[0].headers(body, SECRET));
    assert.equal(event.externalId, '820982911946154999');
    const sku = event.order!.lines[0].sku;
    await s.api('PUT', `/v1/inventory/${sku}`, { on_hand: 0 });
    const res = await post(s, 'shopify', body, platforms[0].headers(body, SECRET));
    assert.equal(res.status, 200);
    const [order] = await waitForOrder(s, 'shopify', '820982911946154999');
    assert.equal(order.status, 'on_hold');
    assert.equal(order.hold_reasons[0].code, 'out_of_stock');
    assert.deepEqual(order.hold_reasons[0].skus, [sku]);

    const early = await s.api('POST', `/v1/orders/${order.id}/release`, {});
    assert.equal(early.status, 409);
    assert.equal(early.body.error.code, 'out_of_stock');
    await s.api('PUT', `/v1/inventory/${sku}`, { on_hand: 100 });
    const released = await s.api('POST', `/v1/orders/${order.id}/release`, {});
    assert.equal(released.status, 200, JSON.stringify(released.body));
    assert.equal(released.body.status, 'pending');
  });

  test('shopify orders/cancelled cancels the order and gives its stock back', async () => {
    await s.api('PATCH', '/v1/store/settings', { integrations: { shopify: { webhook_secret: SECRET } } });
    const body = fixture('shopify-orders-create-sa-cod.json');
    const event = storefronts.shopify.parse(body, platforms[0].headers(body, SECRET));
    const [order] = await waitForOrder(s, 'shopify', event.externalId!);
    const sku = order.lines[0].sku;
    const before = (await s.api('GET', `/v1/inventory/${sku}`)).body.reserved;
    const res = await post(s, 'shopify', body, platforms[0].headers(body, SECRET, 'orders/cancelled'));
    assert.equal(res.status, 200);
    const [cancelled] = await waitForOrder(s, 'shopify', event.externalId!, (o) => o.status === 'cancelled');
    assert.equal(cancelled.status, 'cancelled');
    const after = (await s.api('GET', `/v1/inventory/${sku}`)).body.reserved;
    assert.equal(after, before - order.lines.filter((l: any) => l.sku === sku).reduce((n: number, l: any) => n + l.quantity, 0));
  });

  test('an order the storefront sent without a city or street is kept on hold, saying which fields to check', async () => {
    await s.api('PATCH', '/v1/store/settings', { integrations: { woocommerce: { webhook_secret: SECRET } } });
    const body = Buffer.from(
      fixture('woocommerce-order-sa-cod.json')
        .toString()
        .replace('"id": 728,', '"id": 99728,')
        .replaceAll('"city": "الرياض"', '"city": ""')
        .replaceAll('"address_1": "٤٣٢١ شارع الأمير محمد بن عبدالعزيز"', '"address_1": ""'),
    );
    const res = await post(s, 'woocommerce', body, platforms[1].headers(body, SECRET));
    assert.equal(res.status, 200);
    const [order] = await waitForOrder(s, 'woocommerce', '99728');
    assert.equal(order.status, 'on_hold');
    const gap = order.hold_reasons.find((r: any) => r.code === 'incomplete_order');
    assert.ok(gap, JSON.stringify(order.hold_reasons));
    assert.match(gap.message, /shipping_address\.line1/);
    assert.match(gap.message, /shipping_address\.city/);
    assert.equal(order.shipping_address.country, 'SA');
    assert.equal(order.customer.name.length > 0, true);
  });

  test('a WooCommerce creation ping is acknowledged and ignored', async () => {
    await s.api('PATCH', '/v1/store/settings', { integrations: { woocommerce: { webhook_secret: SECRET } } });
    const res = await fetch(`${s.url}/v1/webhooks/woocommerce/${s.storeId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'webhook_id=42',
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as any;
    assert.equal(body.delivery_id, null);
    assert.ok(body.ignored);
  });
});
