import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dbLabel, orderBody, startTestServer, stock, type TestServer } from './harness.ts';
import { allOrders, assertError, errorPaths, mobile, place, waitFor } from './helpers.ts';
import { createApiKey } from '../src/modules/stores/index.ts';

// GET /v1/stats: the home dashboard's numbers, checked against orders made here: two
// confirmed by the merchant, one by the customer on an agent's call, one cancelled, one ghost
// (a wrong number), two still waiting in the call queue, one auto-confirmed (allowlisted), one
// paid online. Orders go straight into the call queue (a single `call` step after 0 s).

const DAY = 86_400_000;
const dayIn = (tz: string, at: number | Date = Date.now()) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(at));
/** "2026-01-31T14" : the day and hour of an instant in a time zone. */
const hourIn = (tz: string, at: string | Date) => {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit' })
    .formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}`;
};
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe(`GET /v1/stats (${dbLabel})`, () => {
  let s: TestServer;
  const made: { confirmed: any[]; cancelled: any[]; ghost: any[]; queued: any[]; auto: any[]; paid: any[] } = {
    confirmed: [], cancelled: [], ghost: [], queued: [], auto: [], paid: [],
  };

  const stats = async (query = '', headers: Record<string, string> = {}) => {
    const r = await s.api('GET', `/v1/stats${query ? `?${query}` : ''}`, undefined, headers);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return r.body;
  };
  const queueSize = async () => (await s.api('GET', '/v1/call-queue?limit=200&include_waiting=true')).body.data.length as number;
  const order = async (id: string) => (await s.api('GET', `/v1/orders/${id}`)).body;

  before(async () => {
    s = await startTestServer({ worker: true });
    const r = await s.api('PATCH', '/v1/store/settings', { verification: { steps: [{ channel: 'call', after_seconds: 0 }] } });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    await stock(s, 'TSHIRT', 1000);

    const cod = await Promise.all(Array.from({ length: 7 }, () => place(s, orderBody())));
    for (const o of cod) await waitFor(`order ${o.number} in the call queue`, async () => (await order(o.id)).verification.status === 'call_queue');
    // Two confirmed by the merchant a little apart, so the times to confirm differ; one cancelled.
    for (const o of cod.slice(0, 2)) {
      await sleep(700);
      const c = await s.api('POST', `/v1/orders/${o.id}/confirm`, {});
      assert.equal(c.status, 200, JSON.stringify(c.body));
      made.confirmed.push(c.body);
    }
    const x = await s.api('POST', `/v1/orders/${cod[2].id}/cancel`, { reason: 'the customer called to cancel' });
    assert.equal(x.status, 200, JSON.stringify(x.body));
    made.cancelled.push(x.body);
    await waitFor('the queue holds the four unsettled orders', async () => (await queueSize()) === 4);
    // An agent calls: the first customer says yes, the second number is wrong (a ghost).
    const call = async (outcome: string) => {
      const claimed = await s.api('POST', '/v1/call-queue/claim');
      assert.equal(claimed.status, 200, JSON.stringify(claimed.body));
      const logged = await s.api('POST', `/v1/orders/${claimed.body.order.id}/calls`, { outcome });
      assert.equal(logged.status, 200, JSON.stringify(logged.body));
      return order(claimed.body.order.id);
    };
    await sleep(700);
    made.confirmed.push(await call('confirmed'));
    made.ghost.push(await call('wrong_number'));
    const done = new Set([...made.confirmed, ...made.ghost].map((o) => o.id));
    made.queued.push(...cod.slice(3).filter((o) => !done.has(o.id)));
    assert.equal(made.queued.length, 2);
    assert.equal(made.confirmed[2].verification.via, 'call');
    assert.ok(made.confirmed[2].verification.confirmed_at, 'the customer\'s yes is timed on the order itself');

    const phone = mobile();
    const allow = await s.api('POST', '/v1/allowlist', { type: 'phone', value: phone, reason: 'a regular customer' });
    assert.ok(allow.status === 200 || allow.status === 201, JSON.stringify(allow.body));
    made.auto.push(await place(s, orderBody({ customer: { name: 'منى الشهري', phone, email: `auto${Date.now()}@example.com` } })));
    made.paid.push(await place(s, orderBody({ payment: { method: 'online', status: 'paid' } })));
    assert.equal(made.auto[0].verification.status, 'auto_confirmed');
    assert.equal(made.paid[0].verification.status, 'not_required');
    assert.equal(made.ghost[0].verification.status, 'ghost');
  });
  after(() => s.stop());

  test('today: orders placed, confirmation and ghost rates, median time to confirm, the call queue, risk mix and statuses', async () => {
    const orders = await allOrders(s);
    assert.equal(orders.length, 9);
    const st = await stats();
    assert.equal(st.period.from, dayIn('Asia/Riyadh'));
    assert.equal(st.period.to, st.period.from);
    assert.equal(st.period.bucket, 'hour');
    assert.equal(st.period.time_zone, 'Asia/Riyadh');
    assert.equal(st.orders, 9);

    // Confirmed: 3 by the merchant + 1 automatically; settled: those, 1 cancelled, 1 ghost.
    const c = st.confirmation;
    assert.deepEqual(
      [c.confirmed, c.auto_confirmed, c.cancelled, c.ghost, c.settled, c.open, c.not_required],
      [4, 1, 1, 1, 6, 2, 1],
      JSON.stringify(c),
    );
    assert.equal(c.rate, 0.667);
    assert.equal(c.ghost_rate, 0.167);

    // The median of placed → confirmed (by the merchant, or the customer on the phone), read
    // from each order's timeline.
    const waits: number[] = [];
    for (const o of made.confirmed) {
      const events = (await s.api('GET', `/v1/orders/${o.id}/timeline`)).body.data;
      const confirmed = events.find((e: any) => e.type === 'order.confirmed' || e.type === 'verification.confirmed');
      waits.push((Date.parse(confirmed.created_at) - Date.parse(o.placed_at)) / 1000);
    }
    assert.equal(c.timed, 3, 'auto-confirmed orders are not timed');
    assert.ok(Math.abs(c.median_seconds - median(waits)) <= 1, `median ${c.median_seconds} s, timelines say ${median(waits)} s (${waits})`);
    assert.ok(c.median_seconds >= 1, 'confirming took the test a second or more');

    // Two orders still wait for a call, none of them with a call-back time.
    assert.deepEqual(st.call_queue, { waiting: 2, due: 2 });

    // By status and by risk level: what the orders themselves say.
    const tally = (pick: (o: any) => string) => orders.reduce((m: Record<string, number>, o: any) => ({ ...m, [pick(o)]: (m[pick(o)] ?? 0) + 1 }), {});
    const nonZero = (m: Record<string, number>) => Object.fromEntries(Object.entries(m).filter(([, n]) => n > 0));
    assert.deepEqual(nonZero(st.by_status), tally((o) => o.status));
    assert.deepEqual(nonZero(st.by_status), { confirmed: 5, cancelled: 2, pending: 2, ...(st.by_status.on_hold ? { on_hold: st.by_status.on_hold } : {}) });
    assert.deepEqual(nonZero(st.by_risk), tally((o) => o.risk.level));
    for (const level of ['low', 'medium', 'high', 'blocked']) assert.equal(typeof st.by_risk[level], 'number', `${level} is always there`);
    assert.deepEqual(nonZero(st.by_verification), tally((o) => o.verification.status));

    // One bucket per hour of the day in Riyadh (no daylight saving there); each order in the hour it was placed.
    assert.equal(st.series.length, 24);
    assert.equal(st.series[0].local, `${st.period.from}T00:00`);
    assert.equal(st.series[23].local, `${st.period.from}T23:00`);
    assert.equal(Date.parse(st.series[0].start), Date.parse(`${st.period.from}T00:00:00+03:00`));
    const perHour = tally((o) => hourIn('Asia/Riyadh', o.placed_at));
    const shown = Object.fromEntries(st.series.filter((b: any) => b.orders).map((b: any) => [b.local.slice(0, 13), b.orders]));
    assert.deepEqual(shown, perHour);
    assert.equal(st.series.reduce((n: number, b: any) => n + b.confirmed, 0), 4);
  });

  test('periods: 7, 30 and 90 days back from today by the day; from/to name days; an empty day is all zeros', async () => {
    const today = dayIn('Asia/Riyadh');
    for (const [period, days] of [['7d', 7], ['30d', 30], ['90d', 90]] as const) {
      const st = await stats(`period=${period}`);
      assert.deepEqual([st.period.from, st.period.to, st.period.days, st.period.bucket], [addDays(today, 1 - days), today, days, 'day']);
      assert.equal(st.series.length, days);
      assert.equal(st.series[0].local, `${addDays(today, 1 - days)}T00:00`);
      assert.equal(st.series.at(-1).local, `${today}T00:00`);
      assert.equal(st.series.at(-1).orders, 9, 'every order is today\'s');
      assert.equal(st.orders, 9);
      assert.equal(st.confirmation.rate, 0.667);
    }
    const yesterday = await stats(`from=${addDays(today, -1)}&to=${addDays(today, -1)}`);
    assert.equal(yesterday.orders, 0);
    assert.equal(yesterday.series.length, 24);
    assert.ok(yesterday.series.every((b: any) => b.orders === 0 && b.confirmed === 0));
    assert.deepEqual([yesterday.confirmation.rate, yesterday.confirmation.ghost_rate, yesterday.confirmation.median_seconds], [null, null, null]);
    assert.equal(yesterday.call_queue.waiting, 2, 'the call queue is as it stands now, whatever the period');

    assert.equal((await stats(`from=${today}`)).orders, 9, 'from alone: up to today');
    assert.equal((await stats(`to=${today}`)).period.from, today, 'to alone: that day');
    assert.equal((await stats(`from=${addDays(today, -3)}&to=${addDays(today, 3)}`)).series.length, 7);
    assert.equal((await stats('period=today')).orders, 9);
    // A leap year is 366 days: allowed.
    assert.equal((await stats('from=2024-01-01&to=2024-12-31')).period.days, 366);
  });

  test('bad periods are 422 with the field: from after to, over 366 days, not a date, an unknown period', async () => {
    const cases: [string, string][] = [
      ['from=2025-03-02&to=2025-03-01', 'querystring.from'],
      ['from=2024-01-01&to=2025-01-01', 'querystring.to'],
      ['from=2025-02-30', 'querystring.from'],
      ['to=yesterday', 'querystring.to'],
      ['from=2025-1-5', 'querystring.from'],
      ['from=1969-12-31', 'querystring.from'],
      ['period=1y', 'querystring.period'],
      ['period=7d&from=2025-01-01', 'querystring.from'],
    ];
    for (const [query, path] of cases) {
      const r = await s.api('GET', `/v1/stats?${query}`);
      assertError(r, 422, 'validation_failed');
      assert.ok(errorPaths(r).includes(path), `${query}: ${JSON.stringify(r.body)}`);
    }
  });

  test('needs orders.read: a warehouse key may look, a key of no known role may not', async () => {
    const warehouse = await createApiKey(s.db, s.storeId, { name: 'Warehouse', role: 'warehouse' });
    assert.equal((await stats('', { authorization: `Bearer ${warehouse.key}` })).orders, 9);
    const nobody = await createApiKey(s.db, s.storeId, { name: 'Old key', role: 'retired_role' });
    assertError(await s.api('GET', '/v1/stats', undefined, { authorization: `Bearer ${nobody.key}` }), 403);
  });

  test('imported history is left out: it was not placed here and has nothing to confirm', async () => {
    const r = await s.api('POST', '/v1/orders/import', {
      orders: [{ ...orderBody(), placed_at: new Date(Date.now() - 60_000).toISOString(), source: 'legacy', external_id: 'old-1', outcome: 'delivered' }],
    });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assert.equal(r.body.imported, 1, JSON.stringify(r.body));
    const st = await stats();
    assert.equal(st.orders, 9);
    assert.equal(st.by_status.completed, 0);
  });

  test('"today" and the hours are the store\'s time zone', async () => {
    const zone = 'Pacific/Kiritimati'; // UTC+14: its day is rarely Riyadh's
    assert.equal((await s.api('PATCH', '/v1/store/settings', { timezone: zone })).status, 200);
    try {
      const st = await stats();
      assert.equal(st.period.from, dayIn(zone));
      assert.equal(st.period.time_zone, zone);
      assert.equal(Date.parse(st.series[0].start), Date.parse(`${st.period.from}T00:00:00+14:00`));
      const orders = (await allOrders(s)).filter((o) => o.source !== 'legacy' && dayIn(zone, Date.parse(o.placed_at)) === st.period.from);
      assert.equal(st.orders, orders.length);
      for (const o of orders) {
        const bucket = st.series.find((b: any) => b.local.slice(0, 13) === hourIn(zone, o.placed_at));
        assert.ok(bucket?.orders > 0, `order ${o.number} is in the hour it was placed there`);
      }
    } finally {
      assert.equal((await s.api('PATCH', '/v1/store/settings', { timezone: 'Asia/Riyadh' })).status, 200);
    }
  });
});
