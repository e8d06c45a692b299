import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, type TestServer } from './harness.ts';
import { assertError, errorPaths, mobile, saE164 } from './helpers.ts';

// GET /v1/customers as the customers screen uses it: search by what a person types (a phone in
// any digits, the start of a name, an email), a tag, keyset pages, and each row's outcomes.

const arabicDigits = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
type Row = { id: string; name: string; phone_e164: string; tags: string[]; orders_by_outcome: Record<string, number>; delivery_success_rate: number | null; last_order_at: string | null; order_count: number };

describe(`the customers list (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
  });
  after(() => s.stop());

  let external = 0;
  /** Past orders of one person (name, phone, email) with their outcomes; returns the customer id. */
  async function history(customer: { name: string; phone: string; email?: string }, outcomes: string[]): Promise<string> {
    const orders = outcomes.map((outcome, i) => ({
      ...orderBody({ customer, shipping_address: { line1: `طريق الملك عبدالعزيز ${customer.phone}`, district: 'الملقا', city: 'الرياض', country: 'SA' } }),
      external_id: `list-${++external}`,
      placed_at: `2026-0${1 + i}-10T09:00:00Z`,
      outcome,
    }));
    const r = await s.api('POST', '/v1/orders/import', { orders });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.results.every((x: { status: string }) => x.status === 'imported'), JSON.stringify(r.body));
    const found = await s.api('GET', `/v1/customers?phone=${encodeURIComponent(customer.phone)}`);
    return found.body.data[0].id;
  }
  const list = async (query: Record<string, string>) => {
    const r = await s.api('GET', `/v1/customers?${new URLSearchParams(query)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body as { data: Row[]; next_cursor: string | null };
  };
  const ids = (page: { data: Row[] }) => page.data.map((c) => c.id);

  test('a phone typed in Arabic-Indic digits, as +966 or as part of the number finds the customer, with their outcomes', async () => {
    const phone = mobile();
    const id = await history({ name: 'منيرة الدوسري', phone }, ['delivered', 'delivered', 'delivered', 'refused', 'ghost']);
    for (const q of [arabicDigits(phone), `+966 ${phone.slice(1, 3)} ${phone.slice(3, 6)} ${phone.slice(6)}`, saE164(phone), phone.slice(-7)]) {
      const page = await list({ q });
      assert.deepEqual(ids(page), [id], q);
    }
    const [row] = (await list({ q: phone })).data;
    assert.equal(row.name, 'منيرة الدوسري');
    assert.equal(row.phone_e164, saE164(phone));
    assert.equal(row.order_count, 5);
    assert.deepEqual(row.orders_by_outcome, { delivered: 3, refused: 1, returned: 0, ghost: 1, cancelled: 0, open: 0 });
    assert.equal(row.delivery_success_rate, 0.75, '3 of the 4 parcels that reached the door');
    assert.equal(new Date(row.last_order_at!).toISOString(), '2026-05-10T09:00:00.000Z');
    // The profile says the same.
    const profile = (await s.api('GET', `/v1/customers/${id}`)).body;
    assert.equal(profile.delivery_success_rate, row.delivery_success_rate);
    assert.deepEqual(profile.orders_by_outcome, row.orders_by_outcome);
  });

  test('the start of any word of the name, however the hamza is written; an email in any spelling or its start', async () => {
    const stamp = `zq${Date.now().toString(36).replace(/\d/g, '')}`;
    const ahmad = await history({ name: `أحمد بن سعيد ${stamp}`, phone: mobile(), email: `ahmad.saeed${stamp}@gmail.com` }, ['delivered']);
    const other = await history({ name: `خالد ${stamp}`, phone: mobile() }, ['returned']);
    assert.ok(ids(await list({ q: 'احمد' })).includes(ahmad), 'أحمد found by احمد');
    assert.ok(ids(await list({ q: 'أحمد' })).includes(ahmad));
    assert.ok(ids(await list({ q: 'سعي' })).includes(ahmad), 'a later word of the name');
    assert.ok(!ids(await list({ q: 'حمد' })).includes(ahmad), 'the middle of a word is not its start');
    assert.deepEqual(ids(await list({ q: stamp.toUpperCase() })).sort(), [ahmad, other].sort(), 'any word, any case');
    assert.deepEqual(ids(await list({ q: `AhmadSaeed${stamp}+promo@GMAIL.com` })), [ahmad], 'the canonical email');
    assert.deepEqual(ids(await list({ q: `ahmad.saeed${stamp}@` })), [ahmad], 'the start of an email');
    assert.deepEqual(ids(await list({ q: `ahmad.saeed${stamp}` })), [ahmad]);
    assert.deepEqual(ids(await list({ q: `nobody-${stamp}` })), []);
    assert.deepEqual(ids(await list({ q: '50%_\\' })), [], 'LIKE wildcards are text');
  });

  test('a tag narrows the list, alone or with a search', async () => {
    const a = await history({ name: 'Tagged Alpha', phone: mobile() }, ['delivered']);
    const b = await history({ name: 'Tagged Beta', phone: mobile() }, ['delivered']);
    for (const id of [a, b]) assert.equal((await s.api('POST', `/v1/customers/${id}/tags`, { tag: 'wholesale' })).status, 200);
    assert.deepEqual(ids(await list({ tag: 'Wholesale' })), [b, a], 'newest first');
    assert.deepEqual(ids(await list({ tag: 'wholesale', q: 'tagged b' })), [b]);
    assert.deepEqual((await list({ tag: 'wholesale' })).data[0].tags, ['wholesale']);
    assert.deepEqual(ids(await list({ tag: 'nobody_has_this' })), []);
  });

  test('keyset pages: every customer once, newest first, until next_cursor is null', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push(await history({ name: `Pager ${i}`, phone: mobile() }, ['delivered']));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list({ q: 'pager', limit: '2', ...(cursor ? { cursor } : {}) });
      assert.ok(page.data.length <= 2);
      seen.push(...ids(page));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    assert.deepEqual(seen, [...made].reverse());
    assert.equal(pages, 3);
    const all = await list({ limit: '200' });
    assert.ok(all.data.length >= 5);
    assert.deepEqual(ids(all), [...ids(all)].sort().reverse(), 'the whole list is newest first');
  });

  test('bad input is a 4xx naming the field, never a 500', async () => {
    assertError(await s.api('GET', '/v1/customers?cursor=bm90LWEtY3Vyc29y'), 400);
    assert.deepEqual(errorPaths(await s.api('GET', '/v1/customers?cursor=bm90LWEtY3Vyc29y')), ['query.cursor']);
    for (const limit of ['0', '201', 'many']) {
      const r = await s.api('GET', `/v1/customers?limit=${limit}`);
      assertError(r, 422);
      assert.deepEqual(errorPaths(r), ['querystring.limit'], limit);
    }
    const both = await s.api('GET', `/v1/customers?q=sara&phone=${mobile()}`);
    assertError(both, 400);
    assert.deepEqual(errorPaths(both), ['query.q']);
    const badTag = await s.api('GET', '/v1/customers?tag=two%20words&q=x');
    assertError(badTag, 422);
    assert.deepEqual(errorPaths(badTag), ['query.tag']);
    assertError(await s.api('GET', `/v1/customers?q=${'x'.repeat(201)}`), 422);
    assertError(await s.api('GET', '/v1/customers'), 400);
    // The lookups are as they were: the owner's profile.
    const phone = mobile();
    const id = await history({ name: 'Lookup', phone }, ['delivered']);
    const lookup = await s.api('GET', `/v1/customers?phone=${arabicDigits(phone)}`);
    assert.deepEqual(lookup.body.data.map((c: { id: string }) => c.id), [id]);
    assert.ok(lookup.body.data[0].identities, 'a lookup answers the profile');
  });
});
