import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Ctx } from '../src/platform/context.ts';
import { addressKey } from '../src/modules/customers/index.ts';
import { checkLists } from '../src/modules/risk/index.ts';
import { storeCtx } from '../src/modules/stores/index.ts';
import { startTestServer, type TestServer } from './harness.ts';
import { assertError, errorPaths, mobile, saE164 } from './helpers.ts';

// The store's blocklist and allowlist (POST/GET/DELETE /v1/blocklist and /v1/allowlist), and
// checkLists, which intake will ask on every order. The test store is in Saudi Arabia.
let s: TestServer;
let ctx: Ctx;

before(async () => {
  s = await startTestServer();
  ctx = await storeCtx(s.running.services, s.storeId, { type: 'system', id: 'blocklist-test' });
});
after(() => s.stop());

const block = (type: string, value: unknown, reason = 'refused two deliveries') => s.api('POST', '/v1/blocklist', { type, value, reason });
const allow = (type: string, value: unknown, reason = 'known wholesale customer') => s.api('POST', '/v1/allowlist', { type, value, reason });

async function entries(list: 'blocklist' | 'allowlist', query = ''): Promise<any[]> {
  const out: any[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 50; i++) {
    const qs = new URLSearchParams(query);
    qs.set('limit', '200');
    if (cursor) qs.set('cursor', cursor);
    const r = await s.api('GET', `/v1/${list}?${qs}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    out.push(...r.body.data);
    cursor = r.body.next_cursor;
    if (!cursor) return out;
  }
  throw new Error('too many pages');
}

/** Add, insisting on 201 (a new entry); returns it. */
async function added(res: Promise<{ status: number; body: any }>) {
  const r = await res;
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}

/** A valid Saudi mobile written as if for another country: it reads, does not validate, keeps its last 9 digits. */
const unreadablePrefix = (local: string) => `+99 ${local.replace(/^0/, '')}`;

test('a phone written four ways is one entry: the second add returns the first, 200', async () => {
  const first = await added(block('phone', '0501234567'));
  assert.match(first.id, /^rsk_[0-9a-z]{26}$/);
  assert.equal(first.list, 'block');
  assert.equal(first.type, 'phone');
  assert.equal(first.key, '+966501234567');
  assert.equal(first.value, '0501234567', 'the value is kept as given');
  assert.equal(first.reason, 'refused two deliveries');
  assert.equal(first.created_by.type, 'api_key');
  assert.ok(!Number.isNaN(Date.parse(first.created_at)));

  for (const spelling of ['٠٥٠١٢٣٤٥٦٧', '+966 50 123 4567', '00966501234567', '\u200f+966501234567\u200f']) {
    const again = await block('phone', spelling, 'another reason');
    assert.equal(again.status, 200, `${spelling}: ${JSON.stringify(again.body)}`);
    assert.deepEqual(again.body, first, `${spelling} returns the entry already there, unchanged`);
  }
  const listed = (await entries('blocklist')).filter((e) => e.key === '+966501234567');
  assert.equal(listed.length, 1, 'one row, not five');
  assert.deepEqual(listed[0], first);

  // Found by any spelling of the number.
  for (const q of ['0501234567', '+966501234567', '٠٥٠١٢٣٤٥٦٧']) {
    const found = await entries('blocklist', `q=${encodeURIComponent(q)}`);
    assert.deepEqual(found.map((e) => e.id), [first.id], q);
  }

  const del = await s.api('DELETE', `/v1/blocklist/${first.id}`);
  assert.equal(del.status, 204, JSON.stringify(del.body));
  assert.ok(!(await entries('blocklist')).some((e) => e.id === first.id));
  assertError(await s.api('DELETE', `/v1/blocklist/${first.id}`), 404, 'not_found');
  // The removal is on record, with what was removed.
  const events = await s.db.query<{ type: string; data: any }>(`SELECT type, data FROM events WHERE subject_id = $1 ORDER BY id`, [first.id]);
  assert.deepEqual(events.map((e) => e.type), ['risk_list.added', 'risk_list.removed']);
  assert.equal(events[1].data.key, '+966501234567');

  // And it can be added again afterwards, as a new entry.
  const back = await added(block('phone', '+966 50 123 4567'));
  assert.notEqual(back.id, first.id);
  assert.equal((await s.api('DELETE', `/v1/blocklist/${back.id}`)).status, 204);
});

test('a phone that reads but does not validate is kept, keyed by its last 9 digits', async () => {
  const local = mobile();
  const e = await added(block('phone', unreadablePrefix(local)));
  assert.equal(e.key, local.slice(-9));
  const same = await block('phone', `+88${local.slice(1)}`); // another invalid prefix, same last 9 digits
  assert.equal(same.status, 200, JSON.stringify(same.body));
  assert.equal(same.body.id, e.id);
  // The valid number with those digits is an entry of its own.
  const valid = await added(block('phone', local));
  assert.equal(valid.key, saE164(local));
});

test('emails are one entry per mailbox: Gmail dots and +tags, googlemail, case', async () => {
  const first = await added(block('email', ' Ahmed.Ali+shop@Gmail.com '));
  assert.equal(first.key, 'ahmedali@gmail.com');
  assert.equal(first.value, ' Ahmed.Ali+shop@Gmail.com ');
  for (const spelling of ['ahmedali@gmail.com', 'a.h.m.e.d.a.l.i@gmail.com', 'AhmedAli+noon@googlemail.com', '<mailto:ahmed.ali@gmail.com>']) {
    const r = await block('email', spelling);
    assert.equal(r.status, 200, `${spelling}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.id, first.id, spelling);
  }
  // Other domains keep their dots: these are two mailboxes.
  const dotted = await added(block('email', 'sara.k@example.com'));
  const plain = await added(block('email', 'sarak@example.com'));
  assert.notEqual(dotted.id, plain.id);
  assert.deepEqual((await entries('blocklist', 'type=email')).map((e) => e.key).sort(), ['ahmedali@gmail.com', 'sara.k@example.com', 'sarak@example.com']);
  assert.deepEqual((await entries('blocklist', `q=${encodeURIComponent('Ahmed.Ali@gmail.com')}`)).map((e) => e.id), [first.id]);
  for (const e of [first, dotted, plain]) assert.equal((await s.api('DELETE', `/v1/blocklist/${e.id}`)).status, 204);
  assert.deepEqual(await entries('blocklist', 'type=email'), []);
});

test('IP addresses: IPv6 compressed and lower-case, IPv4-mapped IPv6 is the IPv4 address', async () => {
  const v6 = await added(block('ip', '2001:0DB8:0000:0000:0000:0000:0000:0001'));
  assert.equal(v6.key, '2001:db8::1');
  for (const spelling of ['2001:db8::1', '2001:DB8:0:0:0:0:0:1', '[2001:db8::0:1]']) {
    const r = await block('ip', spelling);
    assert.equal(r.status, 200, `${spelling}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.id, v6.id, spelling);
  }
  const v4 = await added(block('ip', ' 192.0.2.7 '));
  assert.equal(v4.key, '192.0.2.7');
  for (const spelling of ['::ffff:192.0.2.7', '::FFFF:C000:0207', '0:0:0:0:0:ffff:192.0.2.7', '١٩٢.٠.٢.٧']) {
    const r = await block('ip', spelling);
    assert.equal(r.status, 200, `${spelling}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.id, v4.id, spelling);
  }
  const other = await added(block('ip', '2001:db8::2'));
  assert.deepEqual((await entries('blocklist', 'type=ip')).map((e) => e.id), [other.id, v4.id, v6.id], 'newest first');
  assert.deepEqual((await entries('blocklist', `q=${encodeURIComponent('::ffff:c000:207')}`)).map((e) => e.id), [v4.id]);
  for (const e of [v6, v4, other]) assert.equal((await s.api('DELETE', `/v1/blocklist/${e.id}`)).status, 204);
});

const ADDRESS = { line1: 'شارع الأمير سلطان، مبنى ١٤', line2: 'الدور الثالث، شقة ٧', district: 'حي الروضة', city: 'جدة', country: 'SA' };

test('an address typed with Arabic letter variants and diacritics is the same entry', async () => {
  const first = await added(block('address', ADDRESS));
  assert.equal(first.key, addressKey(ADDRESS));
  assert.deepEqual(first.value, ADDRESS, 'the object is kept as given');
  const variants = [
    { ...ADDRESS, line1: 'شارع الامير سلطان - مبنى 14', line2: 'الدور الثالث شقه 7', city: 'جده' }, // أ/ا, ة/ه
    { ...ADDRESS, district: 'حى الروضه', line2: 'الدور الثالث، شقة ۷' }, // ى/ي, Persian digit
    { ...ADDRESS, line1: 'شَارِعُ الأَمِيرِ سُلْطَان، مَبْنَى ١٤', city: 'جُدَّة' }, // diacritics
    { line1: 'الأمـيـر سلطان مبنى14 الدور الثالث شقة 7', district: 'الروضة', city: 'جدة' }, // tatweel, lines in one, country from the store
    { name: 'نورة', ...ADDRESS, postal_code: '23433', region: 'مكة المكرمة', country: 'sa' }, // an order's shipping_address pasted as is
  ];
  for (const v of variants) {
    const r = await block('address', v);
    assert.equal(r.status, 200, `${JSON.stringify(v)}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.id, first.id, JSON.stringify(v));
  }
  const nextDoor = await added(block('address', { ...ADDRESS, line1: 'شارع الأمير سلطان، مبنى ١٥' }));
  assert.notEqual(nextDoor.key, first.key);
  assert.deepEqual((await entries('blocklist', `q=${encodeURIComponent('الروضه')}`)).map((e) => e.id).sort(), [first.id, nextDoor.id].sort());
  for (const e of [first, nextDoor]) assert.equal((await s.api('DELETE', `/v1/blocklist/${e.id}`)).status, 204);
});

test('a bad value is 422 naming value and changes nothing; an unknown type names type', async () => {
  const before = [await entries('blocklist'), await entries('allowlist')];
  const cases: [string, unknown, string][] = [
    ['phone', 'call me after 5', 'value'],
    ['phone', '12', 'value'],
    ['phone', '', 'value'],
    ['phone', 501234567, 'value'],
    ['phone', { number: '0501234567' }, 'value'],
    ['email', 'ali@', 'value'],
    ['email', 'ali@gmail', 'value'],
    ['email', '0501234567', 'value'],
    ['ip', '999.1.1.1', 'value'],
    ['ip', '1.2.3.4:80', 'value'],
    ['ip', '01.2.3.4', 'value'],
    ['ip', 'localhost', 'value'],
    ['address', 'جدة، حي الروضة، شارع الأمير سلطان', 'value'],
    ['address', { line1: 'شارع الأمير سلطان' }, 'value.city'],
    ['address', { line1: '', city: 'جدة' }, 'value.line1'],
    ['address', { line1: '،،', city: 'جدة' }, 'value.line1'],
    ['address', { line1: 'x', city: 'جدة', country: 'Saudi Arabia' }, 'value.country'],
    ['address', null, 'value'],
    ['fax', '0501234567', 'type'],
  ];
  for (const [type, value, path] of cases) {
    for (const list of ['blocklist', 'allowlist']) {
      const r = await s.api('POST', `/v1/${list}`, { type, value, reason: 'test' });
      assertError(r, 422);
      assert.ok(errorPaths(r).includes(path), `${list} ${type} ${JSON.stringify(value)} names ${path}: ${JSON.stringify(r.body)}`);
    }
  }
  const noReason = await s.api('POST', '/v1/blocklist', { type: 'phone', value: mobile() });
  assertError(noReason, 422);
  assert.ok(errorPaths(noReason).includes('reason'));
  assertError(await s.api('POST', '/v1/blocklist', { type: 'phone', value: mobile(), reason: '   ' }), 422);
  assert.deepEqual([await entries('blocklist'), await entries('allowlist')], before, 'nothing was added');
});

test('DELETE of an unknown id is 404, and an entry is only deleted through its own list', async () => {
  assertError(await s.api('DELETE', '/v1/blocklist/rsk_00000000000000000000000000'), 404, 'not_found');
  assertError(await s.api('DELETE', '/v1/allowlist/nope'), 404, 'not_found');
  const e = await added(block('phone', mobile()));
  assertError(await s.api('DELETE', `/v1/allowlist/${e.id}`), 404, 'not_found');
  assert.ok((await entries('blocklist')).some((x) => x.id === e.id), 'still on the blocklist');
  assert.equal((await s.api('DELETE', `/v1/blocklist/${e.id}`)).status, 204);
});

test('the allowlist is a list of its own: the same phone may be on both', async () => {
  const phone = mobile();
  const a = await added(allow('phone', phone));
  assert.equal(a.list, 'allow');
  assert.equal((await allow('phone', saE164(phone))).status, 200);
  const b = await added(block('phone', phone));
  assert.notEqual(a.id, b.id);
  assert.ok((await entries('allowlist')).some((e) => e.id === a.id));
  assert.ok(!(await entries('blocklist')).some((e) => e.id === a.id));
  for (const [list, e] of [['allowlist', a], ['blocklist', b]] as const) assert.equal((await s.api('DELETE', `/v1/${list}/${e.id}`)).status, 204);
});

test('lists page newest first with limit and cursor; a cursor not from the API is refused', async () => {
  const made: any[] = [];
  for (let i = 0; i < 5; i++) made.push(await added(allow('phone', mobile())));
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const r: { status: number; body: any } = await s.api('GET', `/v1/allowlist?type=phone&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.ok(r.body.data.length <= 2);
    seen.push(...r.body.data.map((e: any) => e.id));
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.deepEqual(seen.filter((id) => made.some((m) => m.id === id)), made.map((m) => m.id).reverse());
  assertError(await s.api('GET', '/v1/allowlist?cursor=bm9wZQ'), 400);
  assertError(await s.api('GET', '/v1/allowlist?type=fax'), 422);
  assertError(await s.api('GET', '/v1/allowlist?limit=500'), 422);
  const byReason = await entries('allowlist', `q=${encodeURIComponent('wholesale')}`);
  assert.ok(made.every((m) => byReason.some((e) => e.id === m.id)), 'found by words of the reason');
  for (const m of made) assert.equal((await s.api('DELETE', `/v1/allowlist/${m.id}`)).status, 204);
});

test('a POST with an Idempotency-Key replays its first answer', async () => {
  const body = { type: 'email', value: `replay.${Date.now()}@example.com`, reason: 'chargeback' };
  const headers = { 'idempotency-key': `bl-${Date.now()}` };
  const first = await s.api('POST', '/v1/blocklist', body, headers);
  assert.equal(first.status, 201, JSON.stringify(first.body));
  const again = await s.api('POST', '/v1/blocklist', body, headers);
  assert.equal(again.status, 201);
  assert.deepEqual(again.body, first.body);
  assertError(await s.api('POST', '/v1/blocklist', { ...body, reason: 'other' }, headers), 409, 'idempotency_key_reused');
  assert.equal((await s.api('DELETE', `/v1/blocklist/${first.body.id}`)).status, 204);
});

test('checkLists finds a phone by E.164, and by its last 9 digits when either number did not validate', async () => {
  const local = mobile();
  const e = await added(block('phone', local));
  const ids = async (facts: Parameters<typeof checkLists>[1]) => (await checkLists(ctx, facts)).blocked.map((x) => x.id);

  assert.deepEqual(await ids({ phoneE164: saE164(local), phoneRaw: local }), [e.id]);
  const found = await checkLists(ctx, { phoneE164: saE164(local) });
  assert.equal(found.blocked[0].key, saE164(local));
  assert.equal(found.blocked[0].reason, 'refused two deliveries');
  assert.deepEqual(found.allowed, []);
  // The order's number did not validate (a wrong prefix): its last 9 digits still find the entry.
  assert.deepEqual(await ids({ phoneE164: null, phoneRaw: unreadablePrefix(local) }), [e.id]);
  assert.deepEqual(await ids({ phoneRaw: `٠٠٩٩${local.slice(1).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)])}` }), [e.id]);
  // Two valid numbers are matched by E.164 only: a UAE number with the same last 9 digits is someone else.
  assert.deepEqual(await ids({ phoneE164: `+971${local.slice(1)}`, phoneRaw: `+971${local.slice(1)}` }), []);

  // An entry that did not validate is found by an order whose number did.
  const other = mobile();
  const loose = await added(block('phone', unreadablePrefix(other)));
  assert.deepEqual(await ids({ phoneE164: saE164(other), phoneRaw: other }), [loose.id]);
  for (const x of [e, loose]) assert.equal((await s.api('DELETE', `/v1/blocklist/${x.id}`)).status, 204);
  assert.deepEqual(await ids({ phoneE164: saE164(local), phoneRaw: local }), [], 'a removed entry no longer matches');
});

test('checkLists finds email, IP and address in one call, puts the allowlist under allowed, and nothing for clean facts', async () => {
  const phone = mobile();
  const address = { line1: 'طريق الملك عبدالعزيز، عمارة ٩', district: 'حي الملز', city: 'الرياض', country: 'SA' };
  const email = await added(block('email', 'Fraud.Ring+1@gmail.com'));
  const ip = await added(block('ip', '2001:db8:aa::7'));
  const addr = await added(block('address', address));
  const trusted = await added(allow('phone', phone));
  const trustedIp = await added(allow('ip', '203.0.113.9'));

  const facts = {
    phoneE164: saE164(phone),
    phoneRaw: phone,
    email: 'fraudring@gmail.com',
    ip: '2001:DB8:AA:0:0:0:0:7',
    addressKey: addressKey({ ...address, line1: 'طريق الملك عبدالعزيز - عماره 9', district: 'الملز' }),
  };
  const hit = await checkLists(ctx, facts);
  assert.deepEqual(hit.blocked.map((x) => x.id).sort(), [email.id, ip.id, addr.id].sort());
  assert.deepEqual(hit.allowed.map((x) => x.id), [trusted.id]);
  assert.ok(hit.blocked.every((x) => x.list === 'block') && hit.allowed.every((x) => x.list === 'allow'));

  const byIp = await checkLists(ctx, { ip: '::ffff:203.0.113.9' });
  assert.deepEqual(byIp, { blocked: [], allowed: [byIp.allowed[0]] });
  assert.equal(byIp.allowed[0].id, trustedIp.id);

  const clean = await checkLists(ctx, {
    phoneE164: saE164(mobile()),
    phoneRaw: '0551234',
    email: 'someone.else@gmail.com',
    ip: '198.51.100.1',
    addressKey: addressKey({ ...address, line1: 'طريق الملك عبدالعزيز، عمارة ١٠' }),
  });
  assert.deepEqual(clean, { blocked: [], allowed: [] });
  assert.deepEqual(await checkLists(ctx, {}), { blocked: [], allowed: [] });
  assert.deepEqual(await checkLists(ctx, { email: 'not an email', ip: 'not an ip' }), { blocked: [], allowed: [] });
  for (const [list, x] of [['blocklist', email], ['blocklist', ip], ['blocklist', addr], ['allowlist', trusted], ['allowlist', trustedIp]] as const) {
    assert.equal((await s.api('DELETE', `/v1/${list}/${x.id}`)).status, 204);
  }
});
