import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { onPostgres, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { mobile, place, sku, waitFor } from './helpers.ts';
import { startTwilio, type TwilioStandIn } from './stand-ins/twilio.ts';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { startJobs, type Jobs } from '../src/platform/jobs.ts';
import { startWorkers } from '../src/workers.ts';

// Several worker processes on one PostgreSQL database, as in production: the server's own worker
// and two more runtimes, each with its own pool, job queue and event relay. Every order must get
// exactly one SMS, however the work is shared out and however often the provider fails.
// PGlite is one process with one connection: there is nothing to share there.
const SMS_THEN_CALL = [{ channel: 'sms', after_seconds: 0 }, { channel: 'call', after_seconds: 1 }];
const ORDERS = 30;

interface Runtime {
  db: Database;
  jobs: Jobs;
  stopWorkers: () => Promise<void>;
  /** Jobs this runtime's handlers ran, by queue. */
  handled: Map<string, number>;
}

let s: TestServer;
let twilio: TwilioStandIn;
const extra: Runtime[] = [];

/** The job queue as src/server.ts builds it, with each handler counted, so the test can tell who did the work. */
function counted(jobs: Jobs, handled: Map<string, number>): Jobs {
  const bump = (name: string, n = 1) => handled.set(name, (handled.get(name) ?? 0) + n);
  return {
    ...jobs,
    onEvent: (type, name, handler) => jobs.onEvent(type, name, async (e) => { bump(name); await handler(e); }),
    onJob<T extends object>(name: string, handler: (data: T) => Promise<void>, o?: Parameters<Jobs['onJob']>[2]) {
      return jobs.onJob<T>(name, async (d) => { bump(name); await handler(d); }, o);
    },
    onJobBatch<T extends object>(name: string, handler: (batch: T[]) => Promise<void>, o: Parameters<Jobs['onJobBatch']>[2]) {
      return jobs.onJobBatch<T>(name, async (batch) => { bump(name, batch.length); await handler(batch); }, o);
    },
  };
}

async function startRuntime(): Promise<Runtime> {
  const config = s.running.services.config;
  assert.ok(config.databaseUrl, 'the test server runs on PostgreSQL');
  const log = pino({ level: process.env.TEST_LOG ?? 'silent' });
  const db = await openDatabase({ url: config.databaseUrl });
  const jobs = await startJobs(db, log);
  const handled = new Map<string, number>();
  const stopWorkers = await startWorkers({ db, log, config, jobs: counted(jobs, handled) });
  jobs.startRelay();
  return { db, jobs, stopWorkers, handled };
}

before(async () => {
  if (!onPostgres) return;
  twilio = await startTwilio();
  s = await startTestServer({ worker: true });
  const r = await s.api('PATCH', '/v1/store/settings', {
    verification: { steps: SMS_THEN_CALL },
    // Only SMS has a provider: with any provider set, a channel without one is skipped.
    messaging: {
      sms: { provider: 'twilio', base_url: twilio.url, account_sid: twilio.accountSid, auth_token: twilio.authToken, from: '+15005550006' },
      retry: { attempts: 4, backoff_seconds: 0.2, timeout_seconds: 2 },
    },
  });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  for (let i = 0; i < 2; i++) extra.push(await startRuntime());
});

after(async () => {
  if (!onPostgres) return;
  // The extra runtimes first, the way src/server.ts stops: the queue, then the workers, then the pool.
  for (const rt of extra) {
    await rt.jobs.stop();
    await rt.stopWorkers();
    await rt.db.close();
  }
  await s?.stop();
  await twilio?.close();
});

/** Place `n` orders at once, each for its own phone. */
async function burst(n: number) {
  const item = sku('BURST');
  await stock(s, item, n);
  return Promise.all(Array.from({ length: n }, () =>
    place(s, orderBody({ customer: { name: 'ريم', phone: mobile() }, lines: [{ sku: item, quantity: 1, unit_price: '49.00' }] })),
  ));
}

async function smsOf(ids: Set<string>): Promise<any[]> {
  const r = await s.api('GET', '/v1/messages?channel=sms&limit=200');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.data.filter((m: any) => ids.has(m.order_id));
}

/** Wait until every order is in the call queue and its SMS has gone out. */
async function settled(orders: any[]) {
  const ids = new Set(orders.map((o) => o.id));
  await waitFor(`all ${orders.length} orders in the call queue`, async () => {
    const q = await s.api('GET', '/v1/call-queue?limit=200');
    const queued = q.body.data.filter((e: any) => ids.has(e.order.id)).length;
    return queued === orders.length || false;
  }, 20_000, 250);
  await waitFor('every SMS sent', async () => {
    const sms = await smsOf(ids);
    return sms.length >= orders.length && sms.every((m) => m.status === 'sent');
  }, 15_000, 250);
}

/** The orders' SMS as Twilio received them (requests, including refused ones) and accepted them. */
function atTwilio(orders: any[]) {
  const phones = new Set(orders.map((o) => o.customer.phone_e164));
  return {
    requests: twilio.requests.filter((r) => phones.has(r.form.To)),
    accepted: twilio.messages.filter((m) => phones.has(m.to)),
  };
}

async function assertOneSmsEach(orders: any[]) {
  const ids = new Set(orders.map((o) => o.id));
  const { accepted } = atTwilio(orders);
  assert.equal(accepted.length, orders.length, `Twilio accepted ${accepted.length} messages for ${orders.length} orders`);
  assert.deepEqual(new Set(accepted.map((m) => m.to)), new Set(orders.map((o) => o.customer.phone_e164)), 'one SMS for each customer, none twice');
  const sms = await smsOf(ids);
  assert.equal(sms.length, orders.length, 'GET /v1/messages shows one SMS per order');
  assert.equal(new Set(sms.map((m) => m.order_id)).size, orders.length);
  for (const m of sms) {
    const o = orders.find((x) => x.id === m.order_id);
    const sent = accepted.find((a) => a.to === o.customer.phone_e164)!;
    assert.equal(m.to, o.customer.phone_e164);
    assert.equal(m.status, 'sent');
    assert.equal(m.provider_message_id, sent.sid, 'the message records the SID Twilio gave it');
    assert.equal(sent.body, m.body);
    assert.match(sent.body, new RegExp(String(o.number)));
  }
  return sms;
}

const extraWork = () => extra.reduce((n, rt) => n + [...rt.handled.values()].reduce((a, b) => a + b, 0), 0);

test(`${ORDERS} orders placed at once through three workers: one SMS each, nothing twice`, { skip: !onPostgres }, async (t) => {
  const before = extraWork();
  const orders = await burst(ORDERS);
  await settled(orders);
  await assertOneSmsEach(orders);
  assert.equal(atTwilio(orders).requests.length, ORDERS, 'no request was repeated');
  // Past every poll and relay interval: nothing more goes out later either.
  await new Promise((r) => setTimeout(r, 1_500));
  assert.equal(atTwilio(orders).requests.length, ORDERS);
  await assertOneSmsEach(orders);
  for (const o of orders) {
    const tl = await s.api('GET', `/v1/orders/${o.id}/timeline`);
    const types = tl.body.data.map((e: any) => e.type);
    assert.equal(types.filter((x: string) => x === 'verification.step_started').length, 1, `order ${o.number}: one SMS step`);
    assert.equal(types.filter((x: string) => x === 'verification.call_queued').length, 1, `order ${o.number}: queued for a call once`);
  }
  t.diagnostic(`jobs run by the extra workers: ${extra.map((rt) => JSON.stringify(Object.fromEntries(rt.handled))).join(' | ')}`);
  assert.ok(extraWork() > before, 'the extra workers took part (else this test would show nothing about several workers)');
});

test('Twilio failing for a while: retries run on any worker and each order still gets exactly one SMS', { skip: !onPostgres }, async (t) => {
  const FAILURES = 3;
  twilio.failNext(FAILURES, 503);
  const orders = await burst(ORDERS);
  await settled(orders);
  const sms = await assertOneSmsEach(orders);
  const { requests } = atTwilio(orders);
  assert.equal(requests.length, ORDERS + FAILURES, 'each refused request was tried again once it failed, and only then');
  assert.equal(sms.reduce((n, m) => n + m.attempts, 0), ORDERS + FAILURES, 'the attempts add up to what Twilio saw');
  assert.ok(sms.filter((m) => m.attempts > 1).length >= 1, 'some message needed a retry');
  await new Promise((r) => setTimeout(r, 1_500));
  assert.equal(atTwilio(orders).requests.length, ORDERS + FAILURES, 'nothing went out later');
  await assertOneSmsEach(orders);
  t.diagnostic(`retries run by the extra workers: ${extra.map((rt) => rt.handled.get('messaging.retry') ?? 0).join(', ')}`);
});
