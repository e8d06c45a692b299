import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, errorPaths, mobile, place } from './helpers.ts';

describe(`customer tags (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'TAGITEM', 10_000);
  });
  after(() => s.stop());

  /** A customer of their own for each test (a fresh phone makes a fresh customer). */
  async function newCustomer(name = 'نورة القحطاني'): Promise<string> {
    const order = await place(s, orderBody({ customer: { name, phone: mobile() }, lines: [{ sku: 'TAGITEM', quantity: 1, unit_price: '10.00' }] }));
    return order.customer.id;
  }
  const tag = (id: string, t: unknown, headers: Record<string, string> = {}) => s.api('POST', `/v1/customers/${id}/tags`, { tag: t }, headers);
  const untag = (id: string, t: string) => s.api('DELETE', `/v1/customers/${id}/tags/${encodeURIComponent(t)}`);
  const tagged = async (t: string) => {
    const r = await s.api('GET', `/v1/customers?${new URLSearchParams({ tag: t })}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body.data as { id: string; tags: string[] }[];
  };
  const eventsOf = (id: string) =>
    s.db.query<{ type: string; data: { tag: string } }>(`SELECT type, data FROM events WHERE subject_id = $1 AND type IN ('customer.tagged', 'customer.untagged') ORDER BY id`, [id]);

  test('known tags are added, kept sorted, and answered as {id, tags}', async () => {
    const id = await newCustomer();
    const a = await tag(id, 'vip');
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.deepEqual(a.body, { id, tags: ['vip'] });
    const b = await tag(id, ' Good ');
    assert.equal(b.status, 200, JSON.stringify(b.body));
    assert.deepEqual(b.body, { id, tags: ['good', 'vip'] }, 'trimmed, Latin lowercased, sorted');
    assert.deepEqual((await tag(id, 'GHOST_BOX')).body.tags, ['ghost_box', 'good', 'vip']);
  });

  test('a store\'s own tags: Arabic (with tashkeel), Latin with digits, _ and -', async () => {
    const id = await newCustomer();
    const ar = await tag(id, '  مُفاوض_قوي ');
    assert.equal(ar.status, 200, JSON.stringify(ar.body));
    assert.deepEqual(ar.body.tags, ['مُفاوض_قوي']);
    assert.deepEqual((await tag(id, 'Big-Spender-2')).body.tags, ['big-spender-2', 'مُفاوض_قوي'], 'sorted by code point: Latin first');
    assert.deepEqual((await tag(id, 'عميل٢')).body.tags, ['big-spender-2', 'عميل٢', 'مُفاوض_قوي']);
    assert.deepEqual((await tagged('مُفاوض_قوي')).map((c) => c.id), [id]);
    const off = await untag(id, 'مُفاوض_قوي');
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.deepEqual(off.body, { id, tags: ['big-spender-2', 'عميل٢'] });
    assert.deepEqual(await tagged('مُفاوض_قوي'), []);
    // The path parameter is normalised like the body: BIG-SPENDER-2 is big-spender-2.
    assert.deepEqual((await untag(id, 'BIG-SPENDER-2')).body.tags, ['عميل٢']);
  });

  test('what is not a tag is 422 on tag, with a message a person can read', async () => {
    const id = await newCustomer();
    for (const bad of ['', '   ', 'two words', 'a.b', 'vip!', 'gift🎁', 'x'.repeat(33), 'ل'.repeat(33), 'tab\there']) {
      const r = await tag(id, bad);
      assertError(r, 422);
      assert.deepEqual(errorPaths(r), ['tag'], `${JSON.stringify(bad)}: ${JSON.stringify(r.body)}`);
      assert.ok(r.body.error.message.length > 10, r.body.error.message);
    }
    for (const bad of [undefined, 42, null, 'x'.repeat(201)]) {
      const r = await s.api('POST', `/v1/customers/${id}/tags`, bad === undefined ? {} : { tag: bad });
      assertError(r, 422);
      assert.ok(errorPaths(r).includes('tag'), `${JSON.stringify(bad)}: ${JSON.stringify(r.body)}`);
    }
    assert.ok(errorPaths(await untag(id, 'two words')).includes('params.tag'));
    const q = await s.api('GET', `/v1/customers?${new URLSearchParams({ tag: 'two words' })}`);
    assertError(q, 422);
    assert.ok(errorPaths(q).includes('query.tag'), JSON.stringify(q.body));
    // 32 characters is fine, in any script.
    assert.equal((await tag(id, 'ل'.repeat(32))).status, 200);
    assert.equal((await tag(id, 'x'.repeat(32))).status, 200);
  });

  test('an unknown customer is 404 for adding and removing', async () => {
    assertError(await tag('cus_01aaaaaaaaaaaaaaaaaaaaaaaa', 'vip'), 404, 'not_found');
    assertError(await untag('cus_01aaaaaaaaaaaaaaaaaaaaaaaa', 'vip'), 404, 'not_found');
  });

  test('adding a tag twice and removing one that is not there are no-ops; events only on change', async () => {
    const id = await newCustomer();
    const first = await tag(id, 'negotiator');
    const again = await tag(id, 'Negotiator');
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    const missing = await untag(id, 'vip');
    assert.equal(missing.status, 200);
    assert.deepEqual(missing.body, { id, tags: ['negotiator'] });
    await untag(id, 'negotiator');
    await untag(id, 'negotiator');
    assert.deepEqual(await eventsOf(id), [
      { type: 'customer.tagged', data: { tag: 'negotiator' } },
      { type: 'customer.untagged', data: { tag: 'negotiator' } },
    ]);
  });

  test('an Idempotency-Key replays the answer', async () => {
    const id = await newCustomer();
    const h = { 'idempotency-key': randomUUID() };
    const a = await tag(id, 'vip', h);
    const b = await tag(id, 'vip', h);
    assert.equal(b.status, 200);
    assert.deepEqual(b.body, a.body);
    assertError(await tag(id, 'good', h), 409, 'idempotency_key_reused');
  });

  test('concurrent adds of different tags all land', async () => {
    const id = await newCustomer();
    const words = Array.from({ length: 12 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    const results = await Promise.all(words.map((w) => tag(id, w)));
    assert.deepEqual(results.map((r) => r.status), Array(words.length).fill(200), JSON.stringify(results.map((r) => r.body)));
    const last = await tag(id, 'vip');
    assert.deepEqual(last.body.tags, [...words, 'vip']);
    assert.equal((await eventsOf(id)).length, words.length + 1);
    // And the same tag from many requests at once is there once, with one event.
    const other = await newCustomer();
    const same = await Promise.all(Array.from({ length: 8 }, () => tag(other, 'good')));
    assert.ok(same.every((r) => r.status === 200 && JSON.stringify(r.body.tags) === '["good"]'), JSON.stringify(same.map((r) => r.body)));
    assert.equal((await eventsOf(other)).length, 1);
  });

  test('a customer has at most 20 tags', async () => {
    const id = await newCustomer();
    for (let i = 0; i < 20; i++) assert.equal((await tag(id, `tag${i}`)).status, 200);
    const r = await tag(id, 'one_too_many');
    assertError(r, 422);
    assert.deepEqual(errorPaths(r), ['tag']);
    assert.equal((await tag(id, 'tag5')).status, 200, 'a tag already there is still a no-op');
    await untag(id, 'tag5');
    assert.equal((await tag(id, 'one_too_many')).status, 200, 'room again after removing one');
  });

  test('GET /v1/customers?tag= lists the tagged customers, newest first; with a phone, only that one if tagged', async () => {
    const phone = mobile();
    const one = (await place(s, orderBody({ customer: { name: 'VIP One', phone }, lines: [{ sku: 'TAGITEM', quantity: 1, unit_price: '10.00' }] }))).customer.id;
    const two = await newCustomer('VIP Two');
    await newCustomer('Not VIP');
    await tag(one, 'listed_vip');
    await tag(two, 'listed_vip');
    const list = await tagged('Listed_VIP');
    assert.deepEqual(list.map((c) => c.id), [two, one]);
    assert.deepEqual(list[0].tags, ['listed_vip']);
    const byPhone = await s.api('GET', `/v1/customers?${new URLSearchParams({ phone, tag: 'listed_vip' })}`);
    assert.deepEqual(byPhone.body.data.map((c: { id: string }) => c.id), [one]);
    const notTagged = await s.api('GET', `/v1/customers?${new URLSearchParams({ phone, tag: 'vip' })}`);
    assert.deepEqual(notTagged.body.data, []);
    assertError(await s.api('GET', '/v1/customers'), 400);
  });
});

describe(`agent notes and gifts on an order (${dbLabel})`, () => {
  let s: TestServer;
  before(async () => {
    s = await startTestServer();
    await stock(s, 'NOTEITEM', 10_000);
  });
  after(() => s.stop());

  const newOrder = () => place(s, orderBody({ customer: { name: 'خالد', phone: mobile() }, lines: [{ sku: 'NOTEITEM', quantity: 1, unit_price: '10.00' }] }));
  const note = (id: string, body: unknown, headers: Record<string, string> = {}) => s.api('POST', `/v1/orders/${id}/notes`, body, headers);
  const timeline = async (id: string) => (await s.api('GET', `/v1/orders/${id}/timeline`)).body.data as { type: string; data: any; actor: any }[];

  test('a new order has no notes; a note is appended and on the timeline', async () => {
    const order = await newOrder();
    assert.deepEqual(order.notes, []);
    const r = await note(order.id, { text: '  طلب خصم، وعدته بهدية إن أكد  ' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.id, order.id);
    assert.equal(r.body.notes.length, 1);
    const [n] = r.body.notes;
    assert.match(n.id, /^evt_[0-9a-z]{26}$/);
    assert.equal(n.text, 'طلب خصم، وعدته بهدية إن أكد');
    assert.equal(n.gift, null);
    assert.equal(n.by.type, 'api_key');
    assert.ok(!Number.isNaN(Date.parse(n.at)), n.at);
    const added = (await timeline(order.id)).filter((e) => e.type === 'order.note_added');
    assert.equal(added.length, 1);
    assert.deepEqual(added[0].data, { text: n.text, gift: null });
    assert.equal(added[0].actor.type, 'api_key');
    // The order read later and the list carry the notes too.
    assert.deepEqual((await s.api('GET', `/v1/orders/${order.id}`)).body.notes, r.body.notes);
  });

  test('a note with a gift, then another: oldest first, each with its gift', async () => {
    const order = await newOrder();
    await note(order.id, { text: 'first' });
    const r = await note(order.id, { text: 'negotiator: promised a gift', gift: { description: ' علبة شوكولاتة ', sku: 'CHOC-1' } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.notes.map((n: { text: string }) => n.text), ['first', 'negotiator: promised a gift']);
    assert.deepEqual(r.body.notes[1].gift, { description: 'علبة شوكولاتة', sku: 'CHOC-1' });
    const noSku = await note(order.id, { text: 'and a card', gift: { description: 'Thank-you card' } });
    assert.deepEqual(noSku.body.notes[2].gift, { description: 'Thank-you card', sku: null });
    const added = (await timeline(order.id)).filter((e) => e.type === 'order.note_added');
    assert.deepEqual(added.map((e) => e.data.gift), [null, { description: 'علبة شوكولاتة', sku: 'CHOC-1' }, { description: 'Thank-you card', sku: null }]);
  });

  test('a gift on a cancelled order is 409 gift_too_late; a plain note is still taken', async () => {
    const order = await newOrder();
    assert.equal((await s.api('POST', `/v1/orders/${order.id}/cancel`, { reason: 'customer asked' })).status, 200);
    const r = await note(order.id, { text: 'promised a gift', gift: { description: 'Mug' } });
    assertError(r, 409, 'gift_too_late');
    assert.match(r.body.error.message, /cancelled/);
    assert.deepEqual(errorPaths(r), ['gift']);
    const plain = await note(order.id, { text: 'customer was polite' });
    assert.equal(plain.status, 200, JSON.stringify(plain.body));
    assert.equal(plain.body.notes.length, 1, 'the refused gift left nothing behind');
    assert.equal((await timeline(order.id)).filter((e) => e.type === 'order.note_added').length, 1);
  });

  test('a completed order takes a note but not a gift; a processing one still takes a gift', async () => {
    const done = await newOrder();
    await s.db.query(`UPDATE orders SET status = 'completed' WHERE id = $1`, [done.id]);
    assert.equal((await note(done.id, { text: 'called to say thanks' })).status, 200);
    assertError(await note(done.id, { text: 'x', gift: { description: 'Mug' } }), 409, 'gift_too_late');
    const packing = await newOrder();
    await s.db.query(`UPDATE orders SET status = 'processing' WHERE id = $1`, [packing.id]);
    assert.equal((await note(packing.id, { text: 'x', gift: { description: 'Mug' } })).status, 200);
  });

  test('a bad body is 422 naming the field', async () => {
    const order = await newOrder();
    const cases: [unknown, string][] = [
      [{}, 'text'],
      [{ text: '' }, 'text'],
      [{ text: '    ' }, 'text'],
      [{ text: 'x'.repeat(1001) }, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'ok', gift: {} }, 'gift.description'],
      [{ text: 'ok', gift: { description: '' } }, 'gift.description'],
      [{ text: 'ok', gift: { description: 'x'.repeat(201) } }, 'gift.description'],
      [{ text: 'ok', gift: { description: 'Mug', sku: 'x'.repeat(65) } }, 'gift.sku'],
      [{ text: 'ok', gift: 'a mug' }, 'gift'],
    ];
    for (const [body, path] of cases) {
      const r = await note(order.id, body);
      assertError(r, 422);
      assert.ok(errorPaths(r).includes(path), `${JSON.stringify(body).slice(0, 80)} → ${JSON.stringify(r.body)}`);
    }
    assert.equal((await note(order.id, { text: 'x'.repeat(1000) })).status, 200, '1000 characters is fine');
  });

  test('an unknown order is 404', async () => {
    assertError(await note('ord_01aaaaaaaaaaaaaaaaaaaaaaaa', { text: 'hello' }), 404, 'not_found');
    assertError(await note('ord_01aaaaaaaaaaaaaaaaaaaaaaaa', { text: 'hello', gift: { description: 'Mug' } }), 404, 'not_found');
  });

  test('an Idempotency-Key adds the note once', async () => {
    const order = await newOrder();
    const h = { 'idempotency-key': randomUUID() };
    const a = await note(order.id, { text: 'once' }, h);
    const b = await note(order.id, { text: 'once' }, h);
    assert.equal(b.status, 200);
    assert.deepEqual(b.body, a.body);
    assert.equal((await s.api('GET', `/v1/orders/${order.id}`)).body.notes.length, 1);
  });

  test('concurrent notes are all kept', async () => {
    const order = await newOrder();
    const rs = await Promise.all(Array.from({ length: 8 }, (_, i) => note(order.id, { text: `note ${i}` })));
    assert.ok(rs.every((r) => r.status === 200), JSON.stringify(rs.map((r) => r.body)));
    const notes = (await s.api('GET', `/v1/orders/${order.id}`)).body.notes as { text: string }[];
    assert.deepEqual(notes.map((n) => n.text).sort(), Array.from({ length: 8 }, (_, i) => `note ${i}`));
  });
});
