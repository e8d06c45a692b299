import pg from 'pg';
import pino from 'pino';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase, type Database, type Sql } from '../src/platform/db.ts';
import { startServer } from '../src/server.ts';
import { Client } from './lib/http.ts';
import { createDatabase, dropDatabase } from './lib/pg.ts';
import { ms, log, printBlock } from './lib/report.ts';
import { benchKey } from './lib/server.ts';
import { stockUp } from './lib/store.ts';
import { orderFire } from './intake.ts';

const PLANS_DB = 'wasl_bench_plans';
const ORDERS = Number(process.env.BENCH_PROFILE_ORDERS ?? 300);
const MODES = ['force_custom_plan', 'force_generic_plan', 'auto'] as const;

/**
 * What each intake statement costs PostgreSQL with a plan made for its parameters (custom),
 * with the one plan a prepared statement keeps (generic), and as PostgreSQL chooses (auto):
 * the statements and parameters of real orders are captured in-process, then replayed on one
 * connection inside a rolled-back transaction, timed, and explained once per mode through
 * auto_explain (buffers touched: the work a plan does, whatever else the machine is doing).
 */
export async function statementPlans() {
  const url = await createDatabase(PLANS_DB);
  const real = await openDatabase({ url });
  const captured = new Map<string, unknown[][]>();
  let recording = false;
  const wrap = (s: Sql): Sql => ({
    query: (text, params) => {
      if (recording && params?.length) captured.set(text, [...(captured.get(text) ?? []), params]);
      return s.query(text, params);
    },
    exec: (text) => s.exec(text),
  });
  const db: Database = { kind: real.kind, raw: real.raw, ...wrap(real), transaction: (fn) => real.transaction((tx) => fn(wrap(tx))), close: () => real.close() };
  const key = benchKey();
  const config = { ...readConfig({ PORT: '0', HOST: '127.0.0.1', WASL_API_KEY: key, LOG_LEVEL: 'silent' }), databaseUrl: url };
  const running = await startServer(config, { worker: false, log: pino({ level: 'silent' }), db });
  const client = new Client(running.url, key, 1);
  try {
    await stockUp(client);
    const fire = orderFire(client, 11);
    log(`placing ${ORDERS * 2} orders (the second half captured)`);
    for (let i = 0; i < ORDERS * 2; i++) {
      recording = i >= ORDERS;
      const r = await fire();
      if (r.status !== 201) throw new Error(`order: ${r.status} ${r.body}`);
    }
    recording = false;
  } finally {
    client.close();
    await running.stop();
    await real.close();
  }
  await db.query('ANALYZE').catch(() => {});
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('ANALYZE');
  const notices: string[] = [];
  c.on('notice', (n) => notices.push(n.message ?? ''));
  await c.query(`LOAD 'auto_explain'`);
  await c.query(`SET auto_explain.log_level = notice; SET auto_explain.log_analyze = on; SET auto_explain.log_buffers = on; SET auto_explain.log_timing = off; SET auto_explain.log_min_duration = -1`);
  const rows: [string, string][] = [];
  let n = 0;
  try {
    for (const [text, sets] of [...captured.entries()].sort((a, b) => b[1].length - a[1].length)) {
      const sample = sets.slice(-40);
      const cells: string[] = [];
      for (const mode of MODES) {
        const name = `p${n++}`;
        await c.query(`SET plan_cache_mode = ${mode === 'auto' ? 'auto' : mode}`);
        const run = async (params: unknown[]) => {
          await c.query('SAVEPOINT x');
          try {
            await c.query({ name, text, values: params });
            await c.query('RELEASE SAVEPOINT x');
          } catch {
            await c.query('ROLLBACK TO SAVEPOINT x');
          }
        };
        await c.query('BEGIN');
        for (const p of sample.slice(0, 6)) await run(p); // past the five custom plans of `auto`
        const started = performance.now();
        for (let round = 0; round < 3; round++) for (const p of sample) await run(p);
        const each = (performance.now() - started) / (3 * sample.length);
        await c.query('SET LOCAL auto_explain.log_min_duration = 0');
        notices.length = 0;
        await run(sample[sample.length - 1]);
        await c.query('ROLLBACK');
        const plan = notices.join('\n');
        const hits = [...plan.matchAll(/Buffers: shared hit=(\d+)/g)].map((m) => Number(m[1]));
        const rowsRead = plan.match(/Rows Removed by Filter: (\d+)/g)?.length ?? 0;
        cells.push(`${ms(each).padStart(8)} ${String(hits[0] ?? 0).padStart(6)} buf${rowsRead ? ` (${rowsRead} filters)` : ''}`);
        if (process.env.BENCH_PLANS_SHOW && text.includes(process.env.BENCH_PLANS_SHOW)) console.log(`--- ${mode}\n${plan}`);
      }
      rows.push([`${(sets.length / ORDERS).toFixed(2)}×`, `${text.replace(/\s+/g, ' ').trim().slice(0, 70)}`]);
      rows.push(['', MODES.map((m, i) => `${m.replace('force_', '').replace('_plan', '')}: ${cells[i]}`).join('  |  ')]);
    }
  } finally {
    await c.end();
    if (!process.env.BENCH_KEEP) await dropDatabase(PLANS_DB);
  }
  printBlock('intake statements: custom vs generic plans (time on one idle connection, shared buffers hit)', [
    ['measured', `${ORDERS} orders' statements and parameters, replayed 3× each in a rolled-back transaction, per plan_cache_mode`],
    ['columns', 'ms per execution (planning included for custom), buffers hit by the top plan node'],
    ...rows,
  ]);
}
