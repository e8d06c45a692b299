import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { allOrders, assertError, mobile, place, saE164 } from './helpers.ts';

describe(`customers are recognised across spellings (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'ITEM', 10_000);
  });
  after(() => s.stop());

  const body = (customer: Record<string, unknown>, over: Record<string, unknown> = {}) =>
    orderBody({ customer, lines: [{ sku: 'ITEM', quantity: 1, unit_price: '10.00' }], ...over });

  // One phone in five spellings: local, Arabic-Indic digits, spaced international, 00 prefix, with a bidi mark.
  const SPELLINGS = ['0501234567', '٠٥٠١٢٣٤٥٦٧', '+966 50 123 4567', '00966501234567', '\u200f+966501234567'];
  const orderIds: string[] = [];
  let customerId = '';

  test('five spellings of one phone are one customer', async () => {
    for (const phone of SPELLINGS) {
      const order = await place(s, body({ name: 'أحمد الغامدي', phone }));
      assert.equal(order.customer.phone, phone, 'phone is returned as given');
      assert.equal(order.customer.phone_e164, '+966501234567');
      orderIds.push(order.id);
      customerId ||= order.customer.id;
      assert.equal(order.customer.id, customerId, `${JSON.stringify(phone)} found another customer`);
    }
    const c = await s.api('GET', `/v1/customers/${customerId}`);
    assert.equal(c.status, 200, JSON.stringify(c.body));
    assert.equal(c.body.id, customerId);
    assert.deepEqual(c.body.identities.phones, ['+966501234567']);
    assert.equal(c.body.phone_e164, '+966501234567');
    assert.equal(c.body.order_count, 5);
  });

  test('GET /v1/orders?phone= in any spelling finds all of them, newest first', async () => {
    assert.equal(orderIds.length, 5, 'depends on the test above');
    for (const phone of [...SPELLINGS, '966501234567', '050-123-4567']) {
      const r = await s.api('GET', `/v1/orders?${new URLSearchParams({ phone })}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.deepEqual(r.body.data.map((o: { id: string }) => o.id), [...orderIds].reverse(), `phone=${JSON.stringify(phone)}`);
    }
    // A number nobody used finds nothing; a phone that is not a number is a 400/422, not an empty list.
    assert.deepEqual((await s.api('GET', '/v1/orders?phone=0559999999')).body.data, []);
    const bad = await s.api('GET', '/v1/orders?phone=call%20me');
    assert.ok(bad.status === 400 || bad.status === 422, `got ${bad.status}`);
    assertError(bad, bad.status);
  });

  test('q finds an order by its number (with or without #)', async () => {
    const order = await place(s, body({ name: 'Number Search', phone: mobile() }));
    for (const q of [String(order.number), `#${order.number}`]) {
      const r = await s.api('GET', `/v1/orders?${new URLSearchParams({ q })}`);
      assert.equal(r.status, 200);
      assert.ok(r.body.data.some((o: { id: string }) => o.id === order.id), `q=${q}`);
      assert.ok(r.body.data.every((o: { number: number; external_id: string | null; customer: { name: string } }) =>
        o.number === order.number || o.external_id === q || o.customer.name.startsWith(q)), `q=${q} matched unrelated orders`);
    }
  });

  test('q finds orders by a phone typed in Arabic-Indic digits', async () => {
    const r = await s.api('GET', `/v1/orders?${new URLSearchParams({ q: '٠٥٠١٢٣٤٥٦٧' })}`);
    assert.equal(r.status, 200);
    assert.deepEqual(new Set(r.body.data.map((o: { id: string }) => o.id)), new Set(orderIds));
  });

  test('q finds orders by a phone typed with spaces, as people do', async () => {
    const r = await s.api('GET', `/v1/orders?${new URLSearchParams({ q: '050 123 4567' })}`);
    assert.equal(r.status, 200);
    assert.deepEqual(new Set(r.body.data.map((o: { id: string }) => o.id)), new Set(orderIds));
  });

  test('q finds orders by the start of the customer name (Arabic, and Latin in any case)', async () => {
    const latin = await place(s, body({ name: 'Khalid Al-Harbi', phone: mobile() }));
    const ar = await s.api('GET', `/v1/orders?${new URLSearchParams({ q: 'أحمد' })}`);
    assert.deepEqual(new Set(ar.body.data.map((o: { id: string }) => o.id)), new Set(orderIds));
    const lat = await s.api('GET', `/v1/orders?${new URLSearchParams({ q: 'khal' })}`);
    assert.deepEqual(lat.body.data.map((o: { id: string }) => o.id), [latin.id]);
    const none = await s.api('GET', `/v1/orders?${new URLSearchParams({ q: 'harbi' })}`);
    assert.deepEqual(none.body.data, [], 'a prefix search, not a substring search');
    // LIKE wildcards typed in the box are text, not patterns.
    const pct = await s.api('GET', `/v1/orders?${new URLSearchParams({ q: '%' })}`);
    assert.deepEqual(pct.body.data, []);
  });

  test('a Gmail address spelled with dots, plus tags or googlemail.com finds the same customer when the phone differs', async () => {
    const first = await place(s, body({ name: 'Ali Hassan', phone: mobile(), email: 'ali.hassan+shop1@gmail.com' }));
    const second = await place(s, body({ name: 'Ali Hassan', phone: mobile(), email: 'AliHassan@googlemail.com' }));
    const third = await place(s, body({ name: 'Ali Hassan', phone: mobile(), email: 'a.l.i.h.a.s.s.a.n+x@GMAIL.com' }));
    assert.equal(second.customer.id, first.customer.id);
    assert.equal(third.customer.id, first.customer.id);
    assert.equal(first.customer.email_canonical, 'alihassan@gmail.com');
    assert.equal(first.customer.email, 'ali.hassan+shop1@gmail.com', 'email is returned as given');
    const c = await s.api('GET', `/v1/customers/${first.customer.id}`);
    assert.deepEqual(c.body.identities.emails, ['alihassan@gmail.com']);
    assert.equal(c.body.identities.phones.length, 3, 'each new phone is linked to the customer');
    assert.equal(c.body.order_count, 3);
  });

  test('a later order from a linked phone with no email finds the customer through the phone', async () => {
    const p1 = mobile();
    const p2 = mobile();
    const a = await place(s, body({ name: 'Link', phone: p1, email: 'link.test@gmail.com' }));
    const b = await place(s, body({ name: 'Link', phone: p2, email: 'linktest@gmail.com' }));
    assert.equal(b.customer.id, a.customer.id);
    const c = await place(s, body({ name: 'Link', phone: saE164(p2) }));
    assert.equal(c.customer.id, a.customer.id, 'p2 was linked by the email match');
  });

  test('the phone wins over the email when they point at different customers', async () => {
    const p1 = mobile();
    const p2 = mobile();
    const c1 = await place(s, body({ name: 'Phone Owner', phone: p1, email: 'owner.one@example.com' }));
    const c2 = await place(s, body({ name: 'Email Owner', phone: p2, email: 'owner.two@example.com' }));
    assert.notEqual(c1.customer.id, c2.customer.id);
    const mixed = await place(s, body({ name: 'Mixed', phone: p1, email: 'owner.two@example.com' }));
    assert.equal(mixed.customer.id, c1.customer.id);
    // The email stays with its owner: the second customer is still found by it.
    const again = await place(s, body({ name: 'Email Owner', phone: mobile(), email: 'owner.two@example.com' }));
    assert.equal(again.customer.id, c2.customer.id);
  });

  test('plus tags are not folded for domains that do not document them', async () => {
    const a = await place(s, body({ name: 'Corp', phone: mobile(), email: 'sales+a@corp-example.sa' }));
    const b = await place(s, body({ name: 'Corp', phone: mobile(), email: 'sales@corp-example.sa' }));
    assert.equal(a.customer.email_canonical, 'sales+a@corp-example.sa');
    assert.notEqual(a.customer.id, b.customer.id);
  });

  test('an email that is not an email is 422 on customer.email', async () => {
    const res = await s.api('POST', '/v1/orders', body({ name: 'Bad Mail', phone: mobile(), email: 'not-an-email' }));
    assertError(res, 422);
    assert.ok(res.body.error.details.some((d: { path: string }) => d.path === 'customer.email'), JSON.stringify(res.body));
  });

  test('concurrent first orders from one new phone end up as one customer', async () => {
    const phone = mobile();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) =>
      s.api('POST', '/v1/orders', body({ name: 'Double Clicker', phone: i % 2 ? phone : saE164(phone), email: 'double.clicker@gmail.com' }))));
    assert.deepEqual(results.map((r) => r.status), Array(10).fill(201), JSON.stringify(results.filter((r) => r.status !== 201).map((r) => r.body)));
    const ids = new Set(results.map((r) => r.body.customer.id));
    assert.equal(ids.size, 1, `customers: ${[...ids].join(', ')}`);
    const c = await s.api('GET', `/v1/customers/${[...ids][0]}`);
    assert.equal(c.body.order_count, 10);
    assert.equal((await allOrders(s, `phone=${phone}`)).length, 10);
  });

  test('GET /v1/customers?phone= (any spelling) and ?email= (any spelling) find the customer', async () => {
    assert.ok(customerId, 'depends on the first test');
    for (const phone of ['٠٥٠١٢٣٤٥٦٧', '+966 50 123 4567', '00966501234567']) {
      const r = await s.api('GET', `/v1/customers?${new URLSearchParams({ phone })}`);
      assert.equal(r.status, 200, `${phone} → ${r.status} ${JSON.stringify(r.body)}`);
      assert.deepEqual(r.body.data.map((c: { id: string }) => c.id), [customerId], phone);
      assert.deepEqual(r.body.data[0].identities.phones, ['+966501234567']);
    }
    const gmail = await place(s, body({ name: 'Mail Lookup', phone: mobile(), email: 'mail.lookup@gmail.com' }));
    const byEmail = await s.api('GET', `/v1/customers?${new URLSearchParams({ email: 'MailLookup+x@gmail.com' })}`);
    assert.equal(byEmail.status, 200, JSON.stringify(byEmail.body));
    assert.deepEqual(byEmail.body.data.map((c: { id: string }) => c.id), [gmail.customer.id]);
    const nobody = await s.api('GET', `/v1/customers?${new URLSearchParams({ phone: '0559999998' })}`);
    assert.equal(nobody.status, 200);
    assert.deepEqual(nobody.body.data, []);
  });

  test('GET /v1/customers/{id} for an unknown id is 404', async () => {
    assertError(await s.api('GET', '/v1/customers/cus_01aaaaaaaaaaaaaaaaaaaaaaaa'), 404, 'not_found');
  });

  test('GET /v1/orders?customer_id= lists one customer\'s orders', async () => {
    const r = await s.api('GET', `/v1/orders?${new URLSearchParams({ customer_id: customerId })}`);
    assert.equal(r.status, 200);
    assert.deepEqual(new Set(r.body.data.map((o: { id: string }) => o.id)), new Set(orderIds));
  });
});
