import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { assertError, errorPaths, messagesOf, mobile, place, saE164, waitFor } from './helpers.ts';

// What the agents' screens read: the call queue's counts and each order's last call, and the
// messages list filtered by recipient with each message's order number. Orders go through an
// SMS and an email at once, then into the call queue.
let s: TestServer;
before(async () => {
  s = await startTestServer({ worker: true });
  const r = await s.api('PATCH', '/v1/store/settings', {
    verification: {
      steps: [{ channel: 'sms', after_seconds: 0 }, { channel: 'email', after_seconds: 0 }, { channel: 'call', after_seconds: 0 }],
      call_attempts: 3,
      call_retry_seconds: 3600,
    },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  await stock(s, 'TSHIRT', 100);
});
after(() => s?.stop());

const arabicDigits = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

async function queued(name: string, total = '120.00') {
  const phone = mobile();
  const o = await place(s, orderBody({ customer: { name, phone, email: `Cust.${phone}@Example.com` }, lines: [{ sku: 'TSHIRT', quantity: 1, unit_price: total }] }));
  await waitFor(`order ${o.number} in the call queue`, async () => (await s.api('GET', `/v1/orders/${o.id}`)).body.verification.status === 'call_queue');
  return { ...o, phone };
}

const list = async (waiting = true) => {
  const r = await s.api('GET', `/v1/call-queue?limit=200${waiting ? '&include_waiting=true' : ''}`);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { data: { order: any; call: any }[]; counts: Record<string, number> };
};
const claim = async () => {
  const r = await s.api('POST', '/v1/call-queue/claim');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body as { order: any; call: any };
};

test('the call queue counts what is ready, in a call and scheduled, and shows each order\'s last call', async () => {
  const [a, b, c] = [await queued('عبدالله', '300.00'), await queued('منى', '200.00'), await queued('Omar', '100.00')];
  let q = await list();
  assert.deepEqual(q.counts, { ready: 3, in_call: 0, scheduled: 0, call_backs_due: 0 });
  assert.ok(q.data.every((e) => e.call.last_call === null), 'nobody has called yet');

  const first = await claim();
  assert.equal(first.call.last_call, null);
  assert.deepEqual((await list()).counts, { ready: 2, in_call: 1, scheduled: 0, call_backs_due: 0 });

  // No answer: back in an hour (the store's retry), with what happened for the next agent.
  const noAnswer = await s.api('POST', `/v1/orders/${first.order.id}/calls`, { outcome: 'no_answer', note: 'رن الهاتف دون رد' });
  assert.equal(noAnswer.status, 200, JSON.stringify(noAnswer.body));
  assert.equal(noAnswer.body.call.last_call.outcome, 'no_answer');
  q = await list();
  assert.deepEqual(q.counts, { ready: 2, in_call: 0, scheduled: 1, call_backs_due: 0 });
  const entry = q.data.find((e) => e.order.id === first.order.id)!;
  assert.equal(entry.call.call_attempts, 1);
  assert.equal(entry.call.last_call.outcome, 'no_answer');
  assert.equal(entry.call.last_call.note, 'رن الهاتف دون رد');
  assert.equal(entry.call.last_call.attempt, 1);
  assert.equal(entry.call.last_call.by.type, 'api_key');
  assert.ok(new Date(entry.call.last_call.at).getTime() <= Date.now());
  assert.ok(!(await list(false)).data.some((e) => e.order.id === first.order.id), 'not offered before its time');

  // A call-back the customer asked for, in two seconds: scheduled, then due again.
  const second = await claim();
  assert.notEqual(second.order.id, first.order.id);
  const at = new Date(Date.now() + 2000).toISOString();
  const later = await s.api('POST', `/v1/orders/${second.order.id}/calls`, { outcome: 'call_back', call_back_at: at, note: 'after work' });
  assert.equal(later.status, 200, JSON.stringify(later.body));
  assert.deepEqual((await list()).counts, { ready: 1, in_call: 0, scheduled: 2, call_backs_due: 0 });
  await waitFor('the call-back due', async () => (await list()).counts.call_backs_due === 1, 10_000, 200);
  assert.deepEqual((await list()).counts, { ready: 2, in_call: 0, scheduled: 1, call_backs_due: 1 });
  const back = (await list(false)).data.find((e) => e.order.id === second.order.id)!;
  assert.equal(back.call.last_call.outcome, 'call_back');
  assert.equal(back.call.last_call.note, 'after work');
  assert.equal(new Date(back.call.last_call.call_back_at).getTime(), new Date(at).getTime());

  // The claim hands the last call to the agent too (the dearer order comes first, unless the
  // two entered the queue in different hours).
  const next = await claim();
  assert.ok([b.id, c.id].includes(next.order.id), 'one of the two ready orders');
  if (next.order.id === second.order.id) assert.equal(next.call.last_call.note, 'after work');
  else assert.equal(next.call.last_call, null);
  assert.equal(first.order.id, a.id);

  // Leave the queue empty for the next test.
  for (const e of (await list()).data) assert.equal((await s.api('POST', `/v1/orders/${e.order.id}/cancel`, { reason: 'test cleanup' })).status, 200);
  await waitFor('an empty queue', async () => (await list()).data.length === 0);
  assert.deepEqual((await list()).counts, { ready: 0, in_call: 0, scheduled: 0, call_backs_due: 0 });
});

test('messages can be found by who they went to, in any digits, and name their order', async () => {
  const o = await queued('ريم');
  const other = await queued('Lama');
  const mine = await messagesOf(s, o.id);
  assert.deepEqual(mine.map((m) => m.channel), ['sms', 'email']);
  assert.deepEqual(mine.map((m) => m.order), [{ id: o.id, number: o.number }, { id: o.id, number: o.number }], 'each message names its order');

  for (const to of [o.phone, arabicDigits(o.phone), saE164(o.phone), `+966 ${o.phone.slice(1, 3)} ${o.phone.slice(3)}`]) {
    const r = await s.api('GET', `/v1/messages?to=${encodeURIComponent(to)}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.deepEqual(r.body.data.map((m: any) => m.id), [mine[0].id], `${to}: only the SMS to that phone`);
    assert.equal(r.body.data[0].order.number, o.number);
  }
  const email = await s.api('GET', `/v1/messages?to=${encodeURIComponent(o.customer.email.toUpperCase())}`);
  assert.deepEqual(email.body.data.map((m: any) => m.id), [mine[1].id], 'an email in any case');
  const both = await s.api('GET', `/v1/messages?to=${encodeURIComponent(o.phone)}&channel=email`);
  assert.deepEqual(both.body.data, [], 'filters combine');
  const nobody = await s.api('GET', `/v1/messages?to=${mobile()}`);
  assert.deepEqual(nobody.body.data, []);
  const all = await s.api('GET', '/v1/messages?limit=200');
  assert.ok(all.body.data.some((m: any) => m.order?.id === other.id));

  const bad = await s.api('GET', '/v1/messages?to=hello');
  assertError(bad, 422);
  assert.ok(errorPaths(bad).includes('to'), JSON.stringify(bad.body));

  // Pages keep the order numbers.
  const page1 = await s.api('GET', '/v1/messages?limit=1');
  const page2 = await s.api('GET', `/v1/messages?limit=1&cursor=${page1.body.next_cursor}`);
  assert.ok(page2.body.data[0].order?.number, JSON.stringify(page2.body));
  assert.notEqual(page1.body.data[0].id, page2.body.data[0].id);
});
