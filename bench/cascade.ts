// The confirmation cascade under load (issue 3): 100,000 orders pending in the cascade, their
// next-step timers (pg-boss jobs) falling due at 1,000 per second, and one `wasl worker`
// process turning them into messages. Prints the lag from each timer's due time to its message
// being queued (the message row's created_at), and the rate the worker kept up with.
//
//   npm run bench -- cascade      (BENCH_CASCADE_ORDERS, BENCH_CASCADE_RATE, BENCH_CASCADE_SECONDS)
import { spawn } from 'node:child_process';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { createDatabase, dropDatabase } from './lib/pg.ts';
import { seedOrders } from './seed-orders.ts';
import { ROOT, cpuSince, cpuSnapshot, cpuText, startChildServer } from './lib/server.ts';
import { log, ms, num, printBlock, summarize, verdict } from './lib/report.ts';

const ORDERS = Number(process.env.BENCH_CASCADE_ORDERS ?? 100_000);
const RATE = Number(process.env.BENCH_CASCADE_RATE ?? 1_000);
const SECONDS = Number(process.env.BENCH_CASCADE_SECONDS ?? 30);
const LEAD_MS = 15_000; // the worker starts and settles before the first timer falls due

export async function benchCascade() {
  const name = 'wasl_bench_cascade';
  const url = await createDatabase(name);
  try {
    log(`cascade: migrating and creating the store`);
    await (await startChildServer({ url })).stop();
    await new Promise((r) => setTimeout(r, 1_000));
    log(`cascade: seeding ${num(ORDERS)} orders`);
    const seeded = await seedOrders(url, { orders: ORDERS, log: () => {} });
    const due = RATE * SECONDS;
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    // Every order waits for a customer who got the SMS (step 1 done); its WhatsApp timer is
    // due during the run for `due` of them, in four hours for the rest.
    await db.query(`UPDATE orders SET status = 'pending', verification = '{"status":"awaiting_customer","step":1,"channel":"sms"}', payment_method = 'cod', payment_status = 'pending'`);
    await db.query(
      `INSERT INTO verifications (store_id, order_id, status, step, round, next_step_at, placed_at, total_minor)
       SELECT store_id, id, 'awaiting_customer', 0, 1, now() + interval '4 hours', placed_at, total_minor FROM orders`,
    );
    const { rows: ids } = await db.query<{ id: string }>(`SELECT id FROM orders ORDER BY random()`);
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue('verification.step');
    const t0 = Date.now() + LEAD_MS + 20_000;
    const dueAt = new Map<string, number>();
    for (let i = 0; i < ids.length; i += 2_000) {
      const chunk = ids.slice(i, i + 2_000).map((r, j) => {
        const k = i + j;
        const at = k < due ? t0 + Math.floor((k * 1000) / RATE) : Date.now() + 4 * 3600_000;
        if (k < due) dueAt.set(r.id, at);
        return { name: 'verification.step', data: { store_id: seeded.storeId, order_id: r.id, round: 1, step: 1 }, startAfter: new Date(at) };
      });
      await boss.insert(chunk);
    }
    await boss.stop({ graceful: false });
    await db.query('VACUUM ANALYZE');
    log(`cascade: ${num(ORDERS)} orders in the cascade, ${num(due)} timers due from ${new Date(t0).toISOString()} at ${RATE}/s`);

    const worker = spawn(process.execPath, ['bin/wasl.js', 'worker'], {
      cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: url, LOG_LEVEL: 'warn', WASL_PUBLIC_URL: 'https://shop.example' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    worker.stdout?.on('data', (b) => (out = (out + b).slice(-20_000)));
    worker.stderr?.on('data', (b) => (out = (out + b).slice(-20_000)));
    await new Promise((r) => setTimeout(r, Math.max(0, t0 - Date.now())));
    const cpu = cpuSnapshot(worker.pid!);
    const deadline = t0 + SECONDS * 1000 + 120_000;
    let done = 0;
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1_000));
      const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM messages`);
      done = Number(rows[0].n);
      if (done >= due) break;
    }
    const usage = cpuSince(cpu, worker.pid!);
    const { rows: msgs } = await db.query<{ order_id: string; created_at: Date }>(`SELECT order_id, created_at FROM messages`);
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    await db.end();
    const lags = msgs.filter((m) => dueAt.has(m.order_id)).map((m) => m.created_at.getTime() - dueAt.get(m.order_id)!);
    const s = summarize(lags);
    const last = msgs.reduce((mx, m) => Math.max(mx, m.created_at.getTime()), 0);
    const rate = msgs.length / Math.max(1, (last - t0) / 1000);
    const early = msgs.filter((m) => m.created_at.getTime() < t0 - 5).length;
    printBlock(
      `cascade timers — ${num(ORDERS)} orders pending, ${num(due)} timers due at ${RATE}/s (PostgreSQL, one worker process)`,
      [
        ['messages queued', `${num(msgs.length)} of ${num(due)} due${early ? ` (${early} before their time!)` : ''}`],
        ['lag due → queued', `p50 ${ms(s.p50)}, p90 ${ms(s.p90)}, p99 ${ms(s.p99)}, max ${ms(s.max)}`],
        ['throughput', `${num(rate)} timers/s (first due to last queued)`],
        ['CPU', cpuText(usage)],
      ],
      [verdict({ bench: 'cascade', what: 'timer lag p99 at 1,000 due/s', target: '≤ 1000 ms', value: ms(s.p99), pass: msgs.length >= due && s.p99 <= 1000 })],
    );
    if (msgs.length < due) console.log(`worker output:\n${out.slice(-3000)}`);
  } finally {
    await dropDatabase(name);
  }
}
