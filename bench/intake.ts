import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Client } from './lib/http.ts';
import { closedLoop, openLoop, type Fire, type LoadResult } from './lib/load.ts';
import { orderStream } from './lib/orders.ts';
import { analyze, createDatabase, databaseStats, dropDatabase, otherActivity, sampleActivity, serverSettings, serverVersion } from './lib/pg.ts';
import { pgbenchInit, pgbenchRun, type PgbenchResult } from './lib/pgbench.ts';
import { ms, num, log, machineLine, printBlock, verdict } from './lib/report.ts';
import { cpuSince, cpuSnapshot, cpuText, startChildServer, waitForQuiet, type ChildServer } from './lib/server.ts';
import { stockUp } from './lib/store.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? '16,32').split(',').map(Number);
const RATE = Number(process.env.BENCH_RATE ?? 300);
const PGBENCH_DB = 'wasl_bench_pgbench';
const INTAKE_DB = 'wasl_bench_intake';

/** POST /v1/orders with a fresh Idempotency-Key, the way a storefront script sends orders. */
export function orderFire(client: Client, seed: number): Fire {
  const next = orderStream(seed, `b${seed}-${Date.now().toString(36)}`);
  return async () => {
    const r = await client.request('POST', '/v1/orders', next(), { 'idempotency-key': randomUUID() });
    return { status: r.status, ms: r.ms, body: r.status >= 300 ? r.body : undefined };
  };
}

export const quietText = (q: { busy: number; waitedMs: number }) =>
  `machine ${q.busy.toFixed(0)}% busy${q.waitedMs > 2500 ? ` after waiting ${(q.waitedMs / 1000).toFixed(0)} s for a quiet moment` : ''}`;

export const loadRows = (r: LoadResult): [string, string][] => [
  ['orders/s', `${num(r.rate, 1)}  (${num(r.ok)} orders in ${r.seconds.toFixed(1)} s)`],
  ['latency', `p50 ${ms(r.latency.p50)}  p90 ${ms(r.latency.p90)}  p99 ${ms(r.latency.p99)}  max ${ms(r.latency.max)}`],
  ['failures', r.failed ? `${r.failed}  ${JSON.stringify(r.statuses)}  e.g. ${r.samples[0]}` : '0'],
];

export async function benchIntake() {
  const version = await serverVersion();
  const settings = await serverSettings();
  const machine = machineLine(version);

  // 1. pgbench TPC-B on the same server, same concurrency, before wasl runs (not at the same time).
  log(`pgbench: creating ${PGBENCH_DB} (scale 10)`);
  await createDatabase(PGBENCH_DB);
  const tpcb = new Map<number, PgbenchResult & { cpu: string; quiet: string }>();
  try {
    await pgbenchInit(PGBENCH_DB, 10);
    for (const c of CONCURRENCY) {
      const quiet = await waitForQuiet();
      log(`pgbench -c ${c} -j 2 -T ${SECONDS}`);
      const cpu0 = cpuSnapshot(-1);
      const r = await pgbenchRun(PGBENCH_DB, c, 2, SECONDS);
      tpcb.set(c, { ...r, cpu: cpuText(cpuSince(cpu0, -1)).replace('wasl server 0, ', '').replace('load generator', 'this process').replace('other processes', 'pgbench client + other processes'), quiet: quietText(quiet) });
    }
  } finally {
    await dropDatabase(PGBENCH_DB);
  }

  // 2. wasl on a fresh database in a child process.
  const url = await createDatabase(INTAKE_DB);
  let server: ChildServer | undefined;
  let client: Client | undefined;
  try {
    log('starting wasl serve --no-worker (PostgreSQL)');
    server = await startChildServer({ url });
    client = new Client(server.url, server.key, Math.max(...CONCURRENCY, 64));
    await stockUp(client);
    log('warm-up: 3 s at 16 connections');
    await closedLoop({ concurrency: 16, durationMs: 3000, fire: orderFire(client, 1) });
    // What autovacuum does on a running server (it is off on this machine's PostgreSQL): the
    // tables get statistics, and the plans each connection made while they were empty are
    // made again. Without it those first plans stay, and read every order of the store.
    await analyze(url);

    let seed = 10;
    for (const c of CONCURRENCY) {
      const quiet = await waitForQuiet();
      log(`closed loop: ${c} connections, ${SECONDS} s`);
      const others = await otherActivity([INTAKE_DB]);
      const before = await databaseStats(INTAKE_DB);
      const sampler = sampleActivity(INTAKE_DB);
      const cpu0 = cpuSnapshot(server.pid);
      const r = await closedLoop({ concurrency: c, durationMs: SECONDS * 1000, warmupMs: 1000, fire: orderFire(client, seed++) });
      const cpu = cpuSince(cpu0, server.pid);
      const waits = await sampler.stop();
      const after = await databaseStats(INTAKE_DB);
      const pgb = tpcb.get(c)!;
      const per = (k: string) => ((after[k] - before[k]) / Math.max(1, r.ok)).toFixed(1);
      const ratio = r.rate / pgb.tps;
      printBlock(
        `intake over HTTP on PostgreSQL, ${c} connections`,
        [
          ['measured', `POST /v1/orders (validate, normalise phone/address, find customer, reserve stock, order, lines, events),`],
          ['', `1–3 lines from 50 SKUs, Arabic names/addresses, SA/EG phones in 8 spellings, ~30% repeat customers, COD ~85%,`],
          ['', `external_id + Idempotency-Key on every order; ${c} keep-alive connections, closed loop, ${SECONDS} s after 1 s warm-up`],
          ['machine', machine],
          ['postgres', Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')],
          ...loadRows(r),
          ['pgbench TPC-B', `${num(pgb.tps, 1)} tps (-c ${c} -j 2 -T ${SECONDS}, scale 10, latency avg ${pgb.latencyMs} ms)`],
          ['pgbench cpu', `${pgb.cpu}; before: ${pgb.quiet}`],
          ['ratio', `${ratio.toFixed(2)} × pgbench tps`],
          ['per order (pg_stat_database)', `${per('xact_commit')} commits, ${per('tup_inserted')} rows inserted, ${per('tup_updated')} updated, ${per('tup_fetched')} fetched`],
          ['cpu', `${cpuText(cpu)}; before: ${quietText(quiet)}`],
          ['postgres backends', `${waits.busyBackends.toFixed(1)} busy on average; ${waits.top.map((w) => `${w.what} ${(w.share * 100).toFixed(0)}%`).join(', ')}`],
          ['other load on server', `${others} active backends of other databases at start`],
        ],
        [verdict({ bench: 'intake', what: `orders/s at ${c} connections`, value: `${num(r.rate, 1)} (${ratio.toFixed(2)} × ${num(pgb.tps, 0)} tps)`, target: `≥ 0.5 × pgbench (${num(pgb.tps / 2, 0)})`, pass: ratio >= 0.5 && r.failed === 0 })],
      );
    }

    const quiet = await waitForQuiet();
    log(`open loop: ${RATE} orders/s for ${SECONDS} s`);
    const cpu0 = cpuSnapshot(server.pid);
    const sampler = sampleActivity(INTAKE_DB);
    const fixed = await openLoop({ rate: RATE, durationMs: SECONDS * 1000, warmupMs: 2000, fire: orderFire(client, 99) });
    const cpu = cpuSince(cpu0, server.pid);
    const waits = await sampler.stop();
    printBlock(
      `intake over HTTP on PostgreSQL, fixed rate ${RATE} orders/s`,
      [
        ['measured', `the same orders sent open-loop at ${RATE}/s for ${SECONDS} s (after 2 s warm-up); latency from the moment each was due`],
        ['machine', machine],
        ...loadRows(fixed),
        ['in flight', `peak ${fixed.maxInFlight}${fixed.dropped ? `, ${fixed.dropped} not sent (too many in flight)` : ''}; last answer ${fixed.drainSeconds.toFixed(1)} s after the last order was due`],
        ['cpu', `${cpuText(cpu)}; before: ${quietText(quiet)}`],
        ['postgres backends', `${waits.busyBackends.toFixed(1)} busy on average; ${waits.top.map((w) => `${w.what} ${(w.share * 100).toFixed(0)}%`).join(', ')}`],
      ],
      [verdict({ bench: 'intake', what: `p99 at ${RATE} orders/s`, value: `${ms(fixed.latency.p99)} (p50 ${ms(fixed.latency.p50)}, ${num(fixed.rate, 0)}/s done)`, target: '< 50 ms', pass: fixed.latency.p99 < 50 && fixed.failed === 0 && fixed.rate >= RATE * 0.95 })],
    );

    // Consistency: every 201 is an order with its lines and reservations.
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines,
      (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM events) AS events,
      (SELECT count(*) FROM stock_reservations) AS reservations,
      (SELECT sum(reserved) FROM stock_levels) AS reserved, (SELECT sum(quantity) FROM order_lines) AS ordered`);
    await c.end();
    const x = rows[0];
    log(`database after intake: ${x.orders} orders, ${x.lines} lines, ${x.customers} customers, ${x.events} events, ${x.reservations} reservations; reserved ${x.reserved} = ordered ${x.ordered}: ${x.reserved === x.ordered ? 'yes' : 'NO'}`);
  } finally {
    client?.close();
    await server?.stop();
    if (!process.env.BENCH_KEEP) await dropDatabase(INTAKE_DB);
  }
}
