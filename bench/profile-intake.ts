import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase, type Database, type Sql } from '../src/platform/db.ts';
import { startServer } from '../src/server.ts';
import { Client } from './lib/http.ts';
import { createDatabase, dropDatabase, serverVersion } from './lib/pg.ts';
import { closedLoop } from './lib/load.ts';
import { ms, num, log, machineLine, printBlock, summarize } from './lib/report.ts';
import { benchKey, cpuSince, cpuSnapshot, cpuText, ROOT, startChildServer, waitForQuiet, type ChildServer } from './lib/server.ts';
import { pgbenchScript } from './lib/pgbench.ts';
import { stockUp } from './lib/store.ts';
import { orderFire } from './intake.ts';
import { statementPlans } from './plans-intake.ts';

const PROFILE_DB = 'wasl_bench_profile';
const ORDERS = Number(process.env.BENCH_PROFILE_ORDERS ?? 300);

interface Stat {
  calls: number;
  ms: number;
}

/**
 * Where one order's time goes, measured in-process (this is the one benchmark that runs the
 * server in the benchmark's own process): the database is wrapped to count and time every
 * statement, and orders are sent one at a time so the time per order splits cleanly into
 * "waiting for PostgreSQL" and "everything else" (HTTP, validation, normalisation, JSON).
 */
export async function profileIntake() {
  const steps = (process.env.BENCH_PROFILE_STEPS ?? 'statements,cpu,patterns').split(',');
  if (steps.includes('statements')) await statementsPerOrder();
  if (steps.includes('cpu')) await cpuProfile();
  if (steps.includes('patterns')) await statementPatterns();
  if (steps.includes('plans')) await statementPlans();
}

/** Statements per order, counted and timed in-process. */
async function statementsPerOrder() {
  const url = await createDatabase(PROFILE_DB);
  const real = await openDatabase({ url });
  const stats = new Map<string, Stat>();
  let recording = false;
  let dbMs = 0;
  let statements = 0;
  const note = (text: string, t: number) => {
    if (!recording) return;
    const key = text.replace(/\s+/g, ' ').trim().slice(0, 90);
    const s = stats.get(key) ?? { calls: 0, ms: 0 };
    s.calls++;
    s.ms += t;
    stats.set(key, s);
    dbMs += t;
    statements++;
  };
  const timed = async <T>(text: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await run();
    } finally {
      note(text, performance.now() - started);
    }
  };
  const wrap = (s: Sql): Sql => ({
    query: (text, params) => timed(text, () => s.query(text, params)),
    exec: (text) => timed(text, () => s.exec(text)),
  });
  const db: Database = {
    kind: real.kind,
    raw: real.raw,
    ...wrap(real),
    // BEGIN and COMMIT are sent by the real transaction(): their time (with the pool checkout)
    // is what the transaction took beyond the callback.
    async transaction(fn) {
      const started = performance.now();
      let inside = 0;
      try {
        return await real.transaction(async (tx) => {
          const t = performance.now();
          try {
            return await fn(wrap(tx));
          } finally {
            inside = performance.now() - t;
          }
        });
      } finally {
        note('BEGIN + COMMIT (+ pool checkout)', performance.now() - started - inside);
        if (recording) statements++; // note() counted one; the pair is two round trips
      }
    },
    close: () => real.close(),
  };

  const key = benchKey();
  const config = { ...readConfig({ PORT: '0', HOST: '127.0.0.1', WASL_API_KEY: key, LOG_LEVEL: 'silent' }), databaseUrl: url };
  const running = await startServer(config, { worker: false, log: pino({ level: 'silent' }), db });
  const client = new Client(running.url, key, 1);
  try {
    await stockUp(client);
    const fire = orderFire(client, 7);
    for (let i = 0; i < 50; i++) await fire(); // warm-up: JIT, pool, caches
    recording = true;
    dbMs = 0;
    const latencies: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      const r = await fire();
      if (r.status !== 201) throw new Error(`order: ${r.status} ${r.body}`);
      latencies.push(r.ms);
    }
    recording = false;
    const total = latencies.reduce((s, v) => s + v, 0);
    const lat = summarize(latencies);
    const rows: [string, string][] = [
      ['measured', `${ORDERS} orders one at a time, server in-process on PostgreSQL with every statement counted and timed`],
      ['machine', machineLine(await serverVersion())],
      ['latency per order', `mean ${ms(lat.mean)}, p50 ${ms(lat.p50)}, p99 ${ms(lat.p99)}`],
      ['statements per order', `${(statements / ORDERS).toFixed(1)} round trips (BEGIN and COMMIT counted)`],
      ['time in statements', `${ms(dbMs / ORDERS)} per order = ${((dbMs / total) * 100).toFixed(0)}% of the latency`],
      ['everything else', `${ms((total - dbMs) / ORDERS)} per order (HTTP, auth, zod, normalisation, JSON, app code between statements)`],
      ['statements', ''],
    ];
    for (const [text, s] of [...stats.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
      rows.push([`  ${(s.calls / ORDERS).toFixed(2)}×  ${ms(s.ms / s.calls).padStart(8)}`, text]);
    }
    printBlock('intake profile: statements per order', rows);
  } finally {
    client.close();
    await running.stop();
    await real.close();
    await dropDatabase(PROFILE_DB);
  }
}

/**
 * PostgreSQL alone, no Node: the statements of one order as they are sent today (13 round
 * trips) and batched into 6, as pgbench scripts (bench/pgbench/*.sql) at 16 connections, in
 * node-pg's protocol (extended: unnamed statements, parsed and planned every time) and with
 * prepared statements. The gap between these and the HTTP rate is the Node side.
 */
async function statementPatterns() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const url = await createDatabase(PROFILE_DB);
  try {
    const server = await startChildServer({ url }); // migrate, create the store
    await server.stop();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const [{ id: store }] = (await c.query<{ id: string }>(`SELECT id FROM stores ORDER BY id LIMIT 1`)).rows;
    await c.query(`INSERT INTO stock_levels (store_id, sku, location, on_hand) SELECT $1, 'PGB-' || g, 'main', 100000000 FROM generate_series(100, 149) g`, [store]);
    const [{ seq }] = (await c.query<{ seq: string }>(`SELECT relname AS seq FROM pg_class WHERE relkind = 'S' AND relname = 'order_number_' || $1`, [store])).rows;
    await c.end();
    const rows: [string, string][] = [
      ['measured', `pgbench -n -f <script> -c 16 -j 2 -T ${seconds} on the same server (no HTTP, no Node); one order per transaction`],
      ['machine', machineLine(await serverVersion())],
    ];
    for (const [script, label] of [['intake-now.sql', 'today: 13 round trips'], ['intake-batched.sql', 'batched: 6 round trips']] as const) {
      for (const mode of ['extended', 'prepared'] as const) {
        const quiet = await waitForQuiet();
        log(`pgbench ${script} -M ${mode}`);
        const cpu0 = cpuSnapshot(-1);
        const r = await pgbenchScript(PROFILE_DB, join(ROOT, 'bench/pgbench', script), { clients: 16, threads: 2, seconds, mode, define: { store, seq: `"${seq}"` } });
        const cpu = cpuSince(cpu0);
        const pgMs = ((cpu.postgresCore / 100) * seconds * 1000) / Math.max(1, r.transactions);
        rows.push([`${label}, -M ${mode}`, `${num(r.tps, 0)} orders/s, latency avg ${r.latencyMs} ms, postgres CPU ${ms(pgMs)} per order (machine ${cpu.machineBusy.toFixed(0)}% busy; before: ${quiet.busy.toFixed(0)}%)`]);
      }
    }
    printBlock('intake statements on PostgreSQL alone (pgbench custom scripts)', rows);
  } finally {
    await dropDatabase(PROFILE_DB);
  }
}

/**
 * The server's CPU per order under load: `wasl serve` in a child process with `--cpu-prof`,
 * 16 connections for CPU_SECONDS; the V8 profile is written when it exits and summarised here.
 */
async function cpuProfile() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 15);
  const dir = mkdtempSync(join(tmpdir(), 'wasl-bench-cpuprof-'));
  const url = await createDatabase(PROFILE_DB);
  let server: ChildServer | undefined;
  let client: Client | undefined;
  try {
    server = await startChildServer({ url }, { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
    client = new Client(server.url, server.key, 16);
    await stockUp(client);
    await closedLoop({ concurrency: 16, durationMs: 3000, fire: orderFire(client, 3) });
    const cpu0 = cpuSnapshot(server.pid);
    const r = await closedLoop({ concurrency: 16, durationMs: seconds * 1000, fire: orderFire(client, 4) });
    const cpu = cpuSince(cpu0, server.pid);
    client.close();
    client = undefined;
    await server.stop();
    server = undefined;
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('no .cpuprofile written');
    const summary = summarizeCpuProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    const serverMsPerOrder = ((cpu.serverCore / 100) * r.seconds * 1000) / Math.max(1, r.ok);
    const pgMsPerOrder = ((cpu.postgresCore / 100) * r.seconds * 1000) / Math.max(1, r.ok);
    const rows: [string, string][] = [
      ['measured', `wasl serve --cpu-prof in a child process, 16 connections for ${seconds} s: ${r.ok} orders (${num(r.rate, 1)}/s), p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}`],
      ['cpu', cpuText(cpu)],
      ['cpu per order', `wasl server ${ms(serverMsPerOrder)}, postgres ${ms(pgMsPerOrder)} (all postgres processes on the machine)`],
      ['profile', `${ms(summary.busyMs)} busy, ${ms(summary.idleMs)} idle over the process lifetime (start-up included); shares below are of busy time`],
      ['self time by place', ''],
      ...summary.places.map((p): [string, string] => [`  ${(p.share * 100).toFixed(1)}%`, p.name]),
      ['charged to the calling code', ''],
      ...summary.owners.map((p): [string, string] => [`  ${(p.share * 100).toFixed(1)}%`, p.name]),
      ['self time by function', ''],
      ...summary.functions.map((f): [string, string] => [`  ${(f.share * 100).toFixed(1)}%`, f.name]),
    ];
    printBlock('intake profile: where the server spends its CPU', rows);
    if (process.env.BENCH_KEEP) log(`profile kept in ${join(dir, file)}`);
  } finally {
    client?.close();
    await server?.stop();
    await dropDatabase(PROFILE_DB);
    if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
    log('profile done');
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

/**
 * Self time of a V8 .cpuprofile by function and by where the code lives (package, src module),
 * as shares of the busy (non-idle) time. Native work (syscalls such as writev, crypto) is also
 * charged to the nearest caller in a package or in src/, to say whose writes they are.
 */
export function summarizeCpuProfile(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }) {
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, profile.timeDeltas[i] ?? 0)));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const place = (url: string, fn: string) => {
    if (!url) return fn.startsWith('(') ? fn : '(native / V8 builtins)';
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    if (m) return m[1];
    const src = /\/(src\/[^?]+)/.exec(url);
    if (src) return src[1].replace(/\/[^/]+$/, '/');
    if (url.startsWith('node:')) return `node core (${url.replace(/^node:(internal\/)?/, '').split('/')[0]})`;
    return url;
  };
  const owner = (id: number) => {
    for (let p = parent.get(id); p !== undefined; p = parent.get(p)) {
      const n = byId.get(p)!;
      const pl = place(n.callFrame.url, n.callFrame.functionName);
      if (n.callFrame.url && !pl.startsWith('node core') && !pl.startsWith('(')) return pl;
    }
    return 'node core';
  };
  let idle = 0;
  let busy = 0;
  const byFn = new Map<string, number>();
  const byPlace = new Map<string, number>();
  const byOwner = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  for (const n of profile.nodes) {
    const us = selfUs.get(n.id) ?? 0;
    if (!us) continue;
    if (n.callFrame.functionName === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    const p = place(n.callFrame.url, n.callFrame.functionName);
    const fn = `${n.callFrame.functionName || '(anonymous)'}  ${p}${n.callFrame.url && !n.callFrame.url.startsWith('node:') ? `:${n.callFrame.lineNumber + 1}` : ''}`;
    add(byFn, fn, us);
    add(byPlace, p, us);
    const isCode = n.callFrame.url && !p.startsWith('node core');
    add(byOwner, isCode ? p : `${owner(n.id)}${n.callFrame.functionName.startsWith('(') ? '' : ` (via ${n.callFrame.functionName || 'anonymous'})`}`, us);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, k).map(([name, us]) => ({ name, ms: us / 1000, share: us / busy }));
  return { busyMs: busy / 1000, idleMs: idle / 1000, places: top(byPlace, 12), owners: top(byOwner, 15), functions: top(byFn, 15) };
}
