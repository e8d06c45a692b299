// `npm run bench -- risk`: what customer analysis adds to intake, with 10M historical orders.
//
// Seeds (once, kept between runs: the seed takes a while) a store with 10M orders of repeat
// customers, refusals, ghosts and shared numbers and addresses (seed-history.ts), measures the
// store's baselines (what the hourly worker does), then times, for realistic new orders, the
// statements customer analysis runs at intake: linking the customer (address, identity graph)
// and the assessment (history by any linked key, velocity, same SKUs open, lists, the store's
// usual and the area's refusals). Each subject runs in a transaction that is rolled back, so the
// history stays the same for every run.
import pino from 'pino';
import { openDatabase } from '../src/platform/db.ts';
import type { Ctx } from '../src/platform/context.ts';
import { canonicalEmail, DEFAULT_LINKS, INTAKE_ADDRESSES, joinSameKeys, normalizePhone, recognizeCustomer } from '../src/modules/customers/index.ts';
import { assessOrderRisk, INTAKE_TRANSACTION, measureStore } from '../src/modules/orders/index.ts';
import { getStore } from '../src/modules/stores/index.ts';
import { HISTORY_URL, printSizes, sampleSubjects, seedHistory } from './seed-history.ts';
import { log, ms, num, printBlock, summarize, verdict } from './lib/report.ts';

const ORDERS = Number(process.env.BENCH_HISTORY_ORDERS ?? 10_000_000);
const SAMPLES = Number(process.env.BENCH_RISK_SAMPLES ?? 3_000);
const WARMUP = 300;
const TARGET_P99_MS = 5;
const ROLL_BACK = new Error('roll back');

export async function benchRisk() {
  const seeded = await seedHistory(HISTORY_URL, { orders: ORDERS, log });
  log(seeded.skipped ? `risk: ${num(ORDERS)} orders already seeded` : `risk: seeded ${num(ORDERS)} orders`);
  const db = await openDatabase({ url: HISTORY_URL });
  try {
    const store = await getStore(db, seeded.storeId);
    const base: Ctx = { db, store, actor: { type: 'system', id: 'bench' }, now: () => new Date(), log: pino({ level: 'silent' }) };
    // The store's usual order and area rates, as the hourly worker keeps them (measured once
    // before, so intake has them; timed after the run, since its scan of months of orders would
    // otherwise leave intake a cold cache to start from).
    const [{ n: fresh }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM risk_baselines WHERE store_id = $1`, [store.id]);
    if (!fresh) await db.transaction((tx) => measureStore({ ...base, db: tx }));
    const subjects = await sampleSubjects(HISTORY_URL, SAMPLES + WARMUP, { seed: 7 });
    const total: number[] = [];
    const link: number[] = [];
    const assess: number[] = [];
    const recommendations = new Map<string, number>();
    const byKind = new Map<string, number[]>();
    for (const [i, s] of subjects.entries()) {
      let timings: { link: number; assess: number } | null = null;
      await db.transaction(async (tx) => {
        const ctx = { ...base, db: tx };
        const phone = normalizePhone(s.phone.raw, ['SA']);
        const email = s.email ? canonicalEmail(s.email) : null;
        // Finding the customer is intake's own step (measured in the intake benchmark); what
        // analysis adds is the identity graph's link and the assessment.
        const customer = await recognizeCustomer(ctx, { name: s.name, phone, email });
        const a = performance.now();
        // Joining records by a shared phone or email (a statement only when there is any).
        await joinSameKeys(ctx, customer.id, customer.sameKeysAs, DEFAULT_LINKS);
        const b = performance.now();
        // The address recorded, the person read and the assessment: one statement.
        const risk = await assessOrderRisk(ctx, {
          orderId: null, person: { customerId: customer.id, recordAddress: s.addressKey, links: { ...DEFAULT_LINKS, addresses: INTAKE_ADDRESSES } },
          phone: { ...phone, raw: s.phone.raw }, email: email?.canonical ?? null,
          ip: s.ip, address: s.address, addressKey: s.addressKey, skus: s.skus, units: s.units, totalMinor: s.totalMinor,
          currency: store.currency, at: new Date(),
        }, 2);
        timings = { link: b - a, assess: performance.now() - b };
        recommendations.set(risk.recommendation, (recommendations.get(risk.recommendation) ?? 0) + 1);
        // Leave the history as it was for the next subject and the next run.
        throw ROLL_BACK;
      }, INTAKE_TRANSACTION).catch((err) => {
        if (err !== ROLL_BACK) throw err;
      });
      if (i < WARMUP || !timings) continue;
      const { link: lt, assess: at } = timings;
      link.push(lt);
      assess.push(at);
      total.push(lt + at);
      byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), lt + at]);
    }
    const t = summarize(total);
    const l = summarize(link);
    const r = summarize(assess);
    const t0 = performance.now();
    const measured = await db.transaction((tx) => measureStore({ ...base, db: tx }));
    const measureMs = performance.now() - t0;
    printBlock(`customer analysis at intake, ${num(ORDERS)} orders in the history (PostgreSQL)`, [
      ['subjects', `${num(total.length)} (after ${WARMUP} warm-up): ${[...recommendations].map(([k, v]) => `${k} ${v}`).join(', ')}`],
      ['joining records', `p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p99 ${ms(l.p99)}  max ${ms(l.max)}`],
      ['graph + assessment', `p50 ${ms(r.p50)}  p90 ${ms(r.p90)}  p99 ${ms(r.p99)}  max ${ms(r.max)}`],
      ['together', `p50 ${ms(t.p50)}  p90 ${ms(t.p90)}  p99 ${ms(t.p99)}  max ${ms(t.max)}`],
      ...[...byKind].map(([kind, v]): [string, string] => {
        const k = summarize(v);
        return [`  ${kind} (${num(v.length)})`, `p50 ${ms(k.p50)}  p90 ${ms(k.p90)}  p99 ${ms(k.p99)}  max ${ms(k.max)}`];
      }),
      ['hourly measure', `${(measureMs / 1000).toFixed(1)} s for the store's usual order and ${num(measured.areas.length)} areas`],
    ], [verdict({ bench: 'risk', what: `customer analysis at intake, ${num(ORDERS)} orders`, value: `p99 ${ms(t.p99)}`, target: `p99 < ${TARGET_P99_MS} ms`, pass: t.p99 < TARGET_P99_MS })]);
    await printSizes(HISTORY_URL);
  } finally {
    await db.close();
  }
}
