import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, errorPaths, inventory, mobile, place, sku, timelineTypes, waitFor } from './helpers.ts';
import { createApiKey } from '../src/modules/stores/index.ts';

// The agents' call queue. Orders go straight into it (a single `call` step after 0 s); an
// unanswered call puts the order back after RETRY seconds, and two of them make it a ghost.
// Every test starts from an empty queue and leaves nothing ready in it.
const RETRY = 2;
let s: TestServer;
const agents: { id: string; key: string }[] = [];

before(async () => {
  s = await startTestServer({ worker: true });
  const r = await s.api('PATCH', '/v1/store/settings', {
    verification: { steps: [{ channel: 'call', after_seconds: 0 }], call_attempts: 2, call_retry_seconds: RETRY },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (let i = 1; i <= 8; i++) agents.push(await createApiKey(s.db, s.storeId, { name: `Agent ${i}`, role: 'confirmation_agent' }));
});
after(() => s.stop());

type Agent = { id: string; key: string } | undefined;
const as = (agent: Agent): Record<string, string> => (agent ? { authorization: `Bearer ${agent.key}` } : {});
const claim = async (agent?: Agent) => {
  const r = await s.api('POST', '/v1/call-queue/claim', undefined, as(agent));
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { order: any; call: any };
};
const logCall = (orderId: string, body: unknown, agent?: Agent) => s.api('POST', `/v1/orders/${orderId}/calls`, body, as(agent));
const getOrder = async (id: string) => {
  const r = await s.api('GET', `/v1/orders/${id}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
};
/** The queue as an agent sees it (ready orders), or with `waiting` also those whose call-back time has not come. */
const queue = async (waiting = false): Promise<{ order: any; call: any }[]> => {
  const r = await s.api('GET', `/v1/call-queue?limit=200${waiting ? '&include_waiting=true' : ''}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data;
};
const inQueue = async (id: string, waiting = false) => (await queue(waiting)).find((e) => e.order.id === id);

/** An order of `quantity` × `price` SAR of a fresh SKU (10 in stock), once it is in the call queue. */
async function queuedOrder(price: string, quantity = 1) {
  const item = sku('CQ');
  await stock(s, item, 10);
  const o = await place(s, orderBody({
    customer: { name: 'عبدالله القحطاني', phone: mobile(), email: `cq${Math.random()}@example.com` },
    lines: [{ sku: item, quantity, unit_price: price }],
  }));
  assert.equal(o.status, 'pending');
  await waitFor(`order ${o.number} in the call queue`, async () => (await getOrder(o.id)).verification.status === 'call_queue');
  return { ...o, item };
}
const queuedOrders = (prices: string[]) => Promise.all(prices.map((p) => queuedOrder(p)));

/** Cancel, as the merchant, whatever is still in the queue (waiting or not) and wait until it is empty. */
async function clearQueue() {
  for (const e of await queue(true)) {
    const r = await s.api('POST', `/v1/orders/${e.order.id}/cancel`, { reason: 'test cleanup' });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  await waitFor('an empty call queue', async () => (await queue(true)).length === 0);
}

/** What an agent or the merchant would see of an order in the queue: used to show a refused request changed nothing. */
async function snapshot(id: string) {
  const o = await getOrder(id);
  const entry = await inQueue(id, true);
  const timeline = await s.api('GET', `/v1/orders/${id}/timeline`);
  return { status: o.status, verification: o.verification, updated_at: o.updated_at, call: entry?.call ?? null, events: timeline.body.data.length };
}

const HOUR = 3_600_000;

test('the queue lists the oldest hour first and, within an hour, the most valuable order first; claims follow it', async () => {
  await clearQueue();
  // Totals of different lengths, so a text comparison of amounts would put them wrong.
  const totals = ['90.00', '1200.00', '450.50', '900.00', '45.00'];
  const orders = await queuedOrders(totals);
  // The cheapest has been waiting since two hours ago: it comes before everything placed now.
  // (Nobody waits two hours in a test: its time of entering the queue is moved back.)
  const oldest = orders[4];
  await s.db.query(`UPDATE verifications SET queued_at = queued_at - interval '2 hours' WHERE store_id = $1 AND order_id = $2`, [s.storeId, oldest.id]);

  const listed = (await queue()).filter((e) => orders.some((o) => o.id === e.order.id));
  assert.equal(listed.length, 5, 'every order is in the queue');
  for (const e of listed) {
    assert.equal(e.call.call_attempts, 0);
    assert.equal(e.call.claimed_by, null);
    assert.ok(e.call.queued_at, 'the entry says since when it waits');
  }
  // The rule, applied to the times the queue reports (so a run that straddles a full hour still
  // knows what to expect): hour of entering the queue, then total, highest first.
  const key = (e: { order: any; call: any }) => ({ hour: Math.floor(new Date(e.call.queued_at).getTime() / HOUR), total: Number(e.order.totals.total), at: new Date(e.call.queued_at).getTime() });
  const expected = [...listed].sort((a, b) => {
    const x = key(a), y = key(b);
    return x.hour - y.hour || y.total - x.total || x.at - y.at;
  }).map((e) => e.order.id);
  assert.deepEqual(listed.map((e) => e.order.id), expected);
  assert.equal(listed[0].order.id, oldest.id, 'the order waiting since two hours ago comes first, cheap as it is');
  const sameHour = new Set(listed.slice(1).map((e) => key(e).hour)).size === 1;
  if (sameHour) {
    assert.deepEqual(listed.slice(1).map((e) => e.order.totals.total), ['1200.00', '900.00', '450.50', '90.00'], 'then the most valuable first');
  }

  // Five agents, one after the other, are handed the orders in that same order.
  const handed = [];
  for (let i = 0; i < 5; i++) {
    const c = await claim(agents[i]);
    assert.ok(c.order, `agent ${i + 1} got an order`);
    assert.equal(c.call.claimed_by, agents[i].id);
    assert.ok(new Date(c.call.claimed_until).getTime() > Date.now(), 'the claim lasts a while');
    handed.push(c.order.id);
  }
  assert.deepEqual(handed, expected);
  const byId = new Map((await queue()).map((e) => [e.order.id, e.call.claimed_by]));
  handed.forEach((id, i) => assert.equal(byId.get(id), agents[i].id, 'the queue shows who is calling'));
  assert.equal((await claim(agents[5])).order, null, 'nothing is left for a sixth agent');
  assert.equal((await timelineTypes(s, oldest.id)).filter((t) => t === 'call.claimed').length, 1);
  await clearQueue();
});

test('agents claiming at the same moment each get a different order, exactly once', async () => {
  await clearQueue();
  const orders = await queuedOrders(['100.00', '110.00', '120.00', '130.00', '140.00', '150.00']);
  const ids = new Set(orders.map((o) => o.id));

  const first = await Promise.all(agents.map((a) => claim(a)));
  const got = first.map((c) => c.order?.id ?? null);
  const handed = got.filter((id): id is string => id !== null);
  assert.equal(handed.length, 6, `six orders for eight agents: ${JSON.stringify(got)}`);
  assert.equal(new Set(handed).size, 6, `no order went to two agents: ${JSON.stringify(got)}`);
  assert.deepEqual(new Set(handed), ids);
  assert.equal(got.filter((id) => id === null).length, 2, 'the two agents who came last got nothing');
  first.forEach((c, i) => {
    if (c.order) assert.equal(c.call.claimed_by, agents[i].id);
  });

  // Claiming again (a reload) gives the same order back, never a second one.
  const again = await Promise.all(agents.map((a) => claim(a)));
  assert.deepEqual(again.map((c) => c.order?.id ?? null), got);
  const queued = await queue();
  for (const [i, id] of got.entries()) {
    if (id) assert.equal(queued.find((e) => e.order.id === id)?.call.claimed_by, agents[i].id);
  }
  for (const id of handed) {
    const types = await timelineTypes(s, id);
    assert.equal(types.filter((t) => t === 'call.claimed').length, 1, 'each order was claimed once');
  }

  // Another agent cannot log a call on an order someone else is calling about.
  const holder = got.findIndex((id) => id !== null);
  const other = got.findIndex((id, i) => i !== holder);
  const held = got[holder]!;
  const before = await snapshot(held);
  const refused = await logCall(held, { outcome: 'confirmed', note: 'not mine' }, agents[other]);
  assertError(refused, 409, 'claimed_by_another_agent');
  assert.deepEqual(await snapshot(held), before, 'the refused call changed nothing');
  assert.equal((await getOrder(held)).status, 'pending');

  // The agent holding it can.
  const ok = await logCall(held, { outcome: 'confirmed' }, agents[holder]);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.order.status, 'confirmed');
  await clearQueue();
});

test('a call that confirms confirms the order; one that cancels cancels it and gives the stock back', async () => {
  await clearQueue();
  const yes = await queuedOrder('150.00', 2);
  const c1 = await claim();
  assert.equal(c1.order.id, yes.id);
  const r1 = await logCall(yes.id, { outcome: 'confirmed', note: 'confirmed the address too' });
  assert.equal(r1.status, 200, JSON.stringify(r1.body));
  const confirmed = await getOrder(yes.id);
  assert.equal(confirmed.status, 'confirmed');
  assert.equal(confirmed.verification.status, 'confirmed');
  assert.equal(confirmed.verification.via, 'call');
  assert.equal(await inQueue(yes.id, true), undefined, 'it left the queue');
  assert.equal((await inventory(s, yes.item)).reserved, 2, 'a confirmed order keeps its stock');
  let types = await timelineTypes(s, yes.id);
  assert.equal(types.filter((t) => t === 'call.logged').length, 1);
  assert.ok(types.includes('verification.confirmed'), types.join(', '));
  const logged = (await s.api('GET', `/v1/orders/${yes.id}/timeline`)).body.data.find((e: any) => e.type === 'call.logged');
  assert.equal(logged.data.outcome, 'confirmed');
  assert.equal(logged.data.note, 'confirmed the address too');

  const no = await queuedOrder('80.00', 3);
  assert.equal((await inventory(s, no.item)).reserved, 3);
  const c2 = await claim();
  assert.equal(c2.order.id, no.id, 'the agent, done with the last order, gets the next one');
  const r2 = await logCall(no.id, { outcome: 'cancelled', note: 'ordered by mistake' });
  assert.equal(r2.status, 200, JSON.stringify(r2.body));
  const cancelled = await getOrder(no.id);
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.verification.status, 'cancelled');
  const inv = await inventory(s, no.item);
  assert.equal(inv.reserved, 0, 'the cancelled order gave its stock back');
  assert.equal(inv.available, 10);
  assert.equal(await inQueue(no.id, true), undefined);
  types = await timelineTypes(s, no.id);
  for (const t of ['call.claimed', 'call.logged', 'order.cancelled', 'stock.released']) assert.ok(types.includes(t), `${t} in ${types.join(', ')}`);
  assert.equal((await claim()).order, null, 'the queue is empty');
});

test('a wrong number makes the order a ghost at once, without using up the attempts', async () => {
  await clearQueue();
  const o = await queuedOrder('120.00');
  assert.equal((await claim()).order.id, o.id);
  const r = await logCall(o.id, { outcome: 'wrong_number', note: 'someone else answered' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  const ghost = await getOrder(o.id);
  assert.equal(ghost.status, 'cancelled');
  assert.equal(ghost.verification.status, 'ghost');
  assert.equal(ghost.verification.reason, 'wrong_number');
  assert.equal((await inventory(s, o.item)).reserved, 0);
  assert.equal(await inQueue(o.id, true), undefined);
  const box = await s.api('GET', '/v1/ghost-box');
  assert.equal(box.status, 200);
  const entry = box.body.data.find((e: any) => e.customer.id === o.customer.id);
  assert.ok(entry, 'the customer is in the ghost box');
  assert.equal(entry.last_ghost_order.id, o.id);
  assert.equal(entry.last_ghost_order.reason, 'wrong_number');
  const types = await timelineTypes(s, o.id);
  assert.equal(types.filter((t) => t === 'call.logged').length, 1);
  assert.ok(types.includes('verification.ghost'));
});

test('no answer puts the order back for a later call, hidden until then; the last allowed attempt makes it a ghost', async () => {
  await clearQueue();
  const o = await queuedOrder('300.00', 2);
  const c = await claim(agents[0]);
  assert.equal(c.order.id, o.id);
  const loggedAt = Date.now();
  const r = await logCall(o.id, { outcome: 'no_answer' }, agents[0]);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.order.status, 'pending');
  assert.equal(r.body.order.verification.status, 'call_queue');
  assert.equal(r.body.call.call_attempts, 1);
  assert.equal(r.body.call.claimed_by, null, 'the agent let go of it');
  const due = new Date(r.body.call.call_back_at).getTime();
  assert.ok(due > loggedAt && due <= Date.now() + RETRY * 1000 + 1000, `call_back_at ${r.body.call.call_back_at} is about ${RETRY} s ahead`);

  // Until then no agent gets it, the same one included, and the queue does not show it as ready.
  assert.equal((await claim(agents[0])).order, null);
  assert.equal((await claim(agents[1])).order, null);
  assert.equal(await inQueue(o.id), undefined);
  const waiting = await inQueue(o.id, true);
  assert.ok(waiting, 'it is still in the queue, waiting');
  assert.equal(waiting.call.call_attempts, 1);

  const back = await waitFor('the order back in the queue', async () => {
    const next = await claim(agents[1]);
    return next.order?.id === o.id ? next : null;
  }, 10_000, 200);
  assert.ok(Date.now() >= due, 'it came back only once its time had come');
  assert.equal(back.call.call_attempts, 1);

  // The second unanswered call is the store's last attempt: a ghost.
  const last = await logCall(o.id, { outcome: 'no_answer', note: 'switched off' }, agents[1]);
  assert.equal(last.status, 200, JSON.stringify(last.body));
  const ghost = await getOrder(o.id);
  assert.equal(ghost.status, 'cancelled');
  assert.equal(ghost.verification.status, 'ghost');
  assert.equal((await inventory(s, o.item)).reserved, 0);
  const box = await s.api('GET', '/v1/ghost-box');
  assert.ok(box.body.data.some((e: any) => e.customer.id === o.customer.id && e.last_ghost_order.id === o.id));
  const timeline = (await s.api('GET', `/v1/orders/${o.id}/timeline`)).body.data;
  const calls = timeline.filter((e: any) => e.type === 'call.logged');
  assert.deepEqual(calls.map((e: any) => [e.data.outcome, e.data.attempt]), [['no_answer', 1], ['no_answer', 2]]);
});

test('"call back later" hides the order until the time the customer asked for, without counting an attempt', async () => {
  await clearQueue();
  const o = await queuedOrder('210.00');
  assert.equal((await claim()).order.id, o.id);
  const at = new Date(Date.now() + 2_500);
  const r = await logCall(o.id, { outcome: 'call_back', call_back_at: at.toISOString(), note: 'after work' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(new Date(r.body.call.call_back_at).getTime(), at.getTime());
  assert.equal(r.body.call.call_attempts, 0, 'a call-back is not an unanswered call');
  assert.equal(r.body.call.claimed_by, null);

  assert.equal((await claim()).order, null, 'nobody gets it before the time');
  assert.equal(await inQueue(o.id), undefined);
  assert.ok(await inQueue(o.id, true));
  const back = await waitFor('the call-back time', async () => {
    const c = await claim();
    return c.order?.id === o.id ? c : null;
  }, 10_000, 200);
  assert.ok(Date.now() >= at.getTime(), 'not handed out before the time asked for');
  assert.equal(back.call.call_attempts, 0);
  const types = await timelineTypes(s, o.id);
  assert.equal(types.filter((t) => t === 'call.logged').length, 1);
  assert.equal((await logCall(o.id, { outcome: 'confirmed' })).status, 200);
});

test('bad input is refused with the field named, and changes nothing', async () => {
  await clearQueue();
  const o = await queuedOrder('99.00');
  assert.equal((await claim()).order.id, o.id);
  const before = await snapshot(o.id);
  assert.equal(before.call.claimed_by !== null, true);

  const attempts: [unknown, string][] = [
    [{ outcome: 'maybe' }, 'outcome'],
    [{}, 'outcome'],
    [{ outcome: 'call_back' }, 'call_back_at'],
    [{ outcome: 'call_back', call_back_at: new Date(Date.now() - 60_000).toISOString() }, 'call_back_at'],
    [{ outcome: 'call_back', call_back_at: 'tomorrow-ish' }, 'call_back_at'],
    [{ outcome: 'call_back', call_back_at: new Date(Date.now() + 90 * 86_400_000).toISOString() }, 'call_back_at'],
  ];
  for (const [body, path] of attempts) {
    const r = await logCall(o.id, body);
    assertError(r, 422);
    assert.ok(errorPaths(r).includes(path), `${JSON.stringify(body)} names ${path}: ${JSON.stringify(r.body)}`);
    assert.deepEqual(await snapshot(o.id), before, `${JSON.stringify(body)} changed nothing`);
  }
  assertError(await logCall('ord_does_not_exist', { outcome: 'confirmed' }), 404);
  assert.deepEqual(await snapshot(o.id), before);

  // Once it has left the queue, a late call is refused and the order stays as it is.
  assert.equal((await logCall(o.id, { outcome: 'confirmed' })).status, 200);
  const done = await snapshot(o.id);
  for (const outcome of ['no_answer', 'cancelled', 'wrong_number']) {
    assertError(await logCall(o.id, { outcome }), 409, 'not_in_call_queue');
  }
  const afterLate = await snapshot(o.id);
  assert.equal(afterLate.status, 'confirmed');
  assert.deepEqual(afterLate, done);
  assert.equal((await timelineTypes(s, o.id)).filter((t) => t === 'call.logged').length, 1);
});

test('the merchant confirming or cancelling an order takes it out of the queue, even while an agent holds it', async () => {
  await clearQueue();
  const both = await Promise.all([queuedOrder('500.00', 2), queuedOrder('400.00', 2)]);
  const c = await claim(agents[2]);
  // The agent holds one (the dearer, unless the two straddle a full hour); the merchant settles both.
  const a = both.find((o) => o.id === c.order?.id)!;
  const b = both.find((o) => o.id !== c.order?.id)!;
  assert.ok(a, 'the agent got one of the two');

  const confirm = await s.api('POST', `/v1/orders/${a.id}/confirm`, {});
  assert.equal(confirm.status, 200, JSON.stringify(confirm.body));
  await waitFor('the confirmed order out of the queue', async () => (await inQueue(a.id, true)) === undefined);
  const ca = await getOrder(a.id);
  assert.equal(ca.status, 'confirmed');
  assert.equal(ca.verification.status, 'confirmed');
  assertError(await logCall(a.id, { outcome: 'no_answer' }, agents[2]), 409, 'not_in_call_queue');
  assert.equal((await inventory(s, a.item)).reserved, 2);

  // The agent moves on to the next order.
  const next = await claim(agents[2]);
  assert.equal(next.order?.id, b.id);
  const cancel = await s.api('POST', `/v1/orders/${b.id}/cancel`, { reason: 'customer called the shop' });
  assert.equal(cancel.status, 200, JSON.stringify(cancel.body));
  await waitFor('the cancelled order out of the queue', async () => (await inQueue(b.id, true)) === undefined);
  const cb = await getOrder(b.id);
  assert.equal(cb.status, 'cancelled');
  assert.equal(cb.verification.status, 'cancelled');
  assert.equal((await inventory(s, b.item)).reserved, 0);
  assert.equal((await claim(agents[2])).order, null, 'nothing left to call');
  assertError(await logCall(b.id, { outcome: 'confirmed' }, agents[2]), 409, 'not_in_call_queue');
  assert.equal((await getOrder(b.id)).status, 'cancelled', 'a late "confirmed" call does not revive it');
});

test('an existing order that never needed a call is "not in the call queue" (409), not "not found"', async () => {
  const item = sku('PAID');
  await stock(s, item, 5);
  const paid = await place(s, orderBody({ customer: { name: 'Lina', phone: mobile() }, lines: [{ sku: item, quantity: 1, unit_price: '70.00' }], payment: { method: 'online', status: 'paid' } }));
  assert.equal(paid.verification.status, 'not_required');
  assertError(await logCall(paid.id, { outcome: 'confirmed' }), 409, 'not_in_call_queue');
  assert.equal((await getOrder(paid.id)).status, 'confirmed');
});

test('an agent reloading right after the merchant confirmed their order is not handed it again', async () => {
  await clearQueue();
  const o = await queuedOrder('60.00');
  assert.equal((await claim(agents[3])).order?.id, o.id);
  assert.equal((await s.api('POST', `/v1/orders/${o.id}/confirm`, {})).status, 200);
  const again = await claim(agents[3]);
  assert.notEqual(again.order?.id, o.id, `handed the order back, already ${again.order?.status}`);
});
