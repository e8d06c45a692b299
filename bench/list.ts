import pg from 'pg';
import { ORDER_COLUMNS } from '../src/modules/orders/order-view.ts';
import { Client } from './lib/http.ts';
import { toArabicIndic } from './lib/orders.ts';
import { createDatabase, dropDatabase, otherActivity, serverSettings, serverVersion } from './lib/pg.ts';
import { bytes, log, machineLine, ms, num, printBlock, summarize, verdict } from './lib/report.ts';
import { cpuSince, cpuSnapshot, cpuText, startChildServer, waitForQuiet, type ChildServer } from './lib/server.ts';
import { quietText } from './intake.ts';
import { seedOrders, type SeedResult } from './seed-orders.ts';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_LIST_REQUESTS ?? 200);
const WARMUP = 20;
const DEEP_PAGE = 100;
const LIST_DB = 'wasl_bench_list';

interface Case {
  name: string;
  /** The request path of the i-th request. */
  path: (i: number) => string;
  /** The SQL the server runs for it (mirrors list-orders.ts), for EXPLAIN. */
  explain: { sql: string; params: unknown[] };
  check: (body: any, i: number) => string | null;
}

const listSql = (where: string) => `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${where} ORDER BY id DESC LIMIT 51`;

export async function benchList() {
  const version = await serverVersion();
  const url = await createDatabase(LIST_DB);
  let server: ChildServer | undefined;
  let client: Client | undefined;
  const db = new pg.Client({ connectionString: url });
  try {
    log('starting wasl serve --no-worker (PostgreSQL) to migrate and create the store');
    server = await startChildServer({ url });
    client = new Client(server.url, server.key, 1);
    const seed: SeedResult = await seedOrders(url, { orders: ORDERS, log });
    await db.connect();

    // What to ask for: known customers (SA, several orders) and existing order numbers.
    const known = (await db.query<{ e164: string; n: number }>(
      `SELECT phone_e164 AS e164, order_count AS n FROM customers
        WHERE phone_e164 LIKE '+9665%' AND order_count BETWEEN 3 AND 12 ORDER BY random() LIMIT 20`,
    )).rows;
    if (!known.length) known.push(...(await db.query<{ e164: string; n: number }>(`SELECT phone_e164 AS e164, order_count AS n FROM customers WHERE phone_e164 LIKE '+9665%' LIMIT 5`)).rows);
    const localArabic = (e164: string) => toArabicIndic(`0${e164.slice(4)}`); // +9665… → ٠٥…
    const numbers = Array.from({ length: REQUESTS + WARMUP }, (_, i) => 1001 + Math.floor(((i * 7919 + 17) % 1000) / 1000 * seed.orders));
    const [{ store_id: storeId }] = (await db.query<{ store_id: string }>(`SELECT id AS store_id FROM stores ORDER BY id LIMIT 1`)).rows;

    // Cursor for page 100: walk there the way a client does.
    log(`walking ${DEEP_PAGE} pages by cursor`);
    const walk: number[] = [];
    let cursor: string | null = null;
    let deepCursor = '';
    let deepFirstId = '';
    for (let page = 1; page <= DEEP_PAGE; page++) {
      const r: { status: number; body: any; ms: number } = await client.json('GET', `/v1/orders?limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      if (r.status !== 200) throw new Error(`page ${page}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
      walk.push(r.ms);
      if (page === DEEP_PAGE) {
        deepCursor = cursor ?? '';
        deepFirstId = r.body.data[0]?.id;
      }
      cursor = r.body.next_cursor;
      if (!cursor) break;
    }
    const deepAfterId = deepCursor ? Buffer.from(deepCursor, 'base64url').toString() : '';

    const cases: Case[] = [
      {
        name: 'first page',
        path: () => '/v1/orders?limit=50',
        explain: { sql: listSql('store_id = $1'), params: [storeId] },
        check: (b) => (b.data.length === Math.min(50, seed.orders) && b.data[0].number === 1000 + seed.orders ? null : `first page: ${b.data.length} orders, newest #${b.data[0]?.number}`),
      },
      {
        name: 'status=pending',
        path: () => '/v1/orders?status=pending&limit=50',
        explain: { sql: listSql('store_id = $1 AND status = $2'), params: [storeId, 'pending'] },
        check: (b) => (b.data.every((o: any) => o.status === 'pending') && b.data.length ? null : 'status filter returned other orders or none'),
      },
      {
        name: 'status=cancelled',
        path: () => '/v1/orders?status=cancelled&limit=50',
        explain: { sql: listSql('store_id = $1 AND status = $2'), params: [storeId, 'cancelled'] },
        check: (b) => (b.data.every((o: any) => o.status === 'cancelled') && b.data.length ? null : 'status filter returned other orders or none'),
      },
      {
        name: 'phone (Arabic-Indic local)',
        path: (i) => `/v1/orders?phone=${encodeURIComponent(localArabic(known[i % known.length].e164))}&limit=50`,
        explain: { sql: listSql('store_id = $1 AND customer_phone_e164 = $2'), params: [storeId, known[0].e164] },
        check: (b, i) => {
          const k = known[i % known.length];
          return b.data.length === Math.min(50, k.n) && b.data.every((o: any) => o.customer.phone_e164 === k.e164) ? null : `phone ${k.e164}: ${b.data.length} orders, expected ${k.n}`;
        },
      },
      {
        name: 'q=<order number>',
        path: (i) => `/v1/orders?q=${numbers[i]}&limit=50`,
        explain: {
          sql: listSql(`store_id = $1 AND (external_id = $2 OR id = $3 OR number = $4::bigint OR lower(customer_name) LIKE $5)`),
          params: [storeId, String(numbers[0]), String(numbers[0]), String(numbers[0]), `${numbers[0]}%`],
        },
        check: (b, i) => (b.data.some((o: any) => o.number === numbers[i]) ? null : `q=${numbers[i]}: order not found`),
      },
      {
        name: `page ${DEEP_PAGE} by cursor`,
        path: () => `/v1/orders?limit=50&cursor=${deepCursor}`,
        explain: { sql: listSql('store_id = $1 AND id < $2'), params: [storeId, deepAfterId] },
        check: (b) => (b.data[0]?.id === deepFirstId && b.data.length === 50 ? null : `page ${DEEP_PAGE}: starts at ${b.data[0]?.id}, expected ${deepFirstId}`),
      },
    ];

    const quiet = await waitForQuiet();
    const others = await otherActivity([LIST_DB]);
    const cpu0 = cpuSnapshot(server.pid);
    const results: { c: Case; lat: ReturnType<typeof summarize>; bytes: number }[] = [];
    for (const c of cases) {
      log(`${c.name}: ${WARMUP} warm-up + ${REQUESTS} requests`);
      const lat: number[] = [];
      let size = 0;
      for (let i = 0; i < WARMUP + REQUESTS; i++) {
        const r = await client.request('GET', c.path(i));
        if (r.status !== 200) throw new Error(`${c.name}: ${r.status} ${r.body.slice(0, 300)}`);
        if (i < WARMUP) {
          const problem = c.check(JSON.parse(r.body), i);
          if (problem) throw new Error(`${c.name}: wrong answer: ${problem}`);
          continue;
        }
        lat.push(r.ms);
        size = r.body.length;
      }
      results.push({ c, lat: summarize(lat), bytes: size });
    }

    const cpu = cpuSince(cpu0, server.pid);

    // Where the time goes: the plan PostgreSQL picks for each query, and the lines query of a page.
    const plans: { name: string; kind: string; exec: number; buffers: string; text: string }[] = [];
    for (const c of cases) plans.push({ name: c.name, ...(await explain(db, c.explain.sql, c.explain.params)) });
    // The keyset indexes are (store_id, …, id DESC NULLS LAST); the list orders by `id DESC`
    // (NULLS FIRST): the same query ordered the index's way shows what the index could do.
    for (const c of cases.filter((x) => /status|phone/.test(x.name))) {
      const sql = c.explain.sql.replace('ORDER BY id DESC', 'ORDER BY id DESC NULLS LAST');
      plans.push({ name: `${c.name}, ORDER BY id DESC NULLS LAST`, ...(await explain(db, sql, c.explain.params)) });
    }
    const pageIds = (await db.query<{ id: string }>(`SELECT id FROM orders WHERE store_id = $1 ORDER BY id DESC LIMIT 50`, [storeId])).rows.map((r) => r.id);
    plans.push({
      name: 'lines of a page',
      ...(await explain(db, `SELECT order_id, sku, name, quantity, unit_price_minor, total_minor FROM order_lines
        WHERE store_id = $1 AND order_id = ANY($2) ORDER BY order_id, position`, [storeId, pageIds])),
    });

    const sizes = (await db.query<{ name: string; total: string; heap: string; indexes: string }>(
      `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS total, pg_relation_size(c.oid) AS heap, pg_indexes_size(c.oid) AS indexes
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname IN ('orders', 'order_lines', 'customers', 'customer_identities')
        ORDER BY pg_total_relation_size(c.oid) DESC`,
    )).rows;
    const indexSizes = (await db.query<{ name: string; size: string }>(
      `SELECT i.relname AS name, pg_relation_size(i.oid) AS size FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = 'orders'::regclass ORDER BY pg_relation_size(i.oid) DESC`,
    )).rows;
    const settings = await serverSettings();

    const rows: [string, string][] = [
      ['measured', `GET /v1/orders (limit 50, lines included) over HTTP, one keep-alive connection, ${REQUESTS} requests each after ${WARMUP} warm-up`],
      ['database', `${num(seed.orders)} orders, ${num(seed.lines)} lines, ${num(seed.customers)} customers, ${num(seed.identities)} identities (one store)`],
      ['seeded in', `${seed.seconds.total.toFixed(0)} s (rows ${seed.seconds.load.toFixed(0)} s, indexes ${seed.seconds.indexes.toFixed(0)} s, vacuum+analyze ${seed.seconds.vacuum.toFixed(0)} s)`],
      ['machine', machineLine(version)],
      ['postgres', Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')],
      ['other load on server', `${others} active backends of other databases`],
      ['cpu', `${cpuText(cpu)}; before: ${quietText(quiet)}`],
      [`walk to page ${DEEP_PAGE}`, `${ms(walk.reduce((s, v) => s + v, 0))} in all; per page p50 ${ms(summarize(walk).p50)}, p99 ${ms(summarize(walk).p99)}`],
    ];
    const vs = results.map((r) => {
      rows.push([r.c.name, `p50 ${ms(r.lat.p50)}  p90 ${ms(r.lat.p90)}  p99 ${ms(r.lat.p99)}  max ${ms(r.lat.max)}  (${bytes(r.bytes)} per answer)`]);
      return verdict({ bench: 'list', what: `${r.c.name} p99 (${num(seed.orders)} orders)`, value: `${ms(r.lat.p99)} (p50 ${ms(r.lat.p50)})`, target: '< 50 ms', pass: r.lat.p99 < 50 });
    });
    rows.push(['plans', '']);
    for (const p of plans) rows.push([`  ${p.name}`, `${p.kind}; ${ms(p.exec)} in PostgreSQL; buffers ${p.buffers}`]);
    rows.push(['sizes', '']);
    for (const s of sizes) rows.push([`  ${s.name}`, `${bytes(Number(s.total))} total = ${bytes(Number(s.heap))} heap + ${bytes(Number(s.indexes))} indexes (+ toast)`]);
    for (const s of indexSizes) rows.push([`  ${s.name}`, bytes(Number(s.size))]);
    printBlock(`order list and search, ${num(seed.orders)} orders on PostgreSQL`, rows, vs);
    if (process.env.BENCH_PLANS !== '0') {
      for (const p of plans) console.log(`\n  --- plan: ${p.name} ---\n${p.text.split('\n').map((l) => `  ${l.length > 220 ? `${l.slice(0, 217)}...` : l}`).join('\n')}`);
    }
  } finally {
    client?.close();
    await db.end().catch(() => {});
    await server?.stop();
    if (!process.env.BENCH_KEEP) await dropDatabase(LIST_DB);
    else log(`kept database ${LIST_DB}`);
  }
}

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  'Scan Direction'?: string;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

/** EXPLAIN (ANALYZE, BUFFERS): the chain of node types, the execution time and the buffers. */
async function explain(db: pg.Client, sql: string, params: unknown[]) {
  const json = (await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, params)).rows[0]['QUERY PLAN'][0];
  const text = (await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`, params)).rows.map((r) => r['QUERY PLAN']).join('\n');
  const kinds: string[] = [];
  const visit = (n: PlanNode) => {
    kinds.push(`${n['Node Type']}${n['Index Name'] ? ` on ${n['Index Name']}${n['Scan Direction'] === 'Backward' ? ' (backward)' : ''}` : ''}`);
    for (const c of n.Plans ?? []) visit(c);
  };
  visit(json.Plan);
  const hit = json.Plan['Shared Hit Blocks'] ?? 0;
  const read = json.Plan['Shared Read Blocks'] ?? 0;
  return { kind: kinds.join(' → '), exec: json['Execution Time'], buffers: `${hit} hit, ${read} read`, text };
}

