// Seed generator: N realistic orders (default 1,000,000) with their lines, ~N/5 customers and
// their identities, for the first store of a wasl database whose schema is already migrated
// (drizzle/0000_init.sql; the server migrates on start). Set-based SQL only: every chunk is a
// few INSERT … SELECT over generate_series, two chunks at a time on two connections.
//
//   node --import tsx bench/seed-orders.ts --url postgres://postgres@127.0.0.1:5432/db [--orders 1000000]
//
// Data shape, as a two-year-old Saudi COD store that also ships to Egypt:
// - ids `ord_` + 26 lowercase ULID characters whose time part is placed_at (strictly increasing
//   with the order number), so ORDER BY id is ORDER BY time, as for ids the app makes;
// - numbers 1001 … 1000+N, and the store's order-number sequence moved past them;
// - every 5th order is a new customer's first; the others come from earlier customers
//   (uniformly), so ~N/5 distinct customer_phone_e164 with 1 to ~30 orders each;
// - 70% SA (+9665…), 30% EG (+201…) mobiles, customer_phone in 8 spellings (local, +, 00,
//   no plus, spaced, Arabic-Indic, bidi mark); Arabic names, cities, districts and streets;
// - 1–3 lines (60/30/10%) from 50 SKUs, COD 85%; statuses by age (the newest 2% still open).
// Secondary indexes are dropped for the load and re-created from their own definitions
// (pg_indexes), so the schema afterwards is exactly the migrated one.
import pg from 'pg';
import { pathToFileURL } from 'node:url';
import { EG_PLACES, FAMILY_NAMES, FIRST_NAMES, NOTES, PRODUCTS, SA_PLACES, SA_STREETS, EG_STREETS } from './lib/orders.ts';
import { dropSecondaryIndexes } from './lib/pg.ts';

export interface SeedResult {
  orders: number;
  lines: number;
  customers: number;
  identities: number;
  storeId: string;
  seconds: { load: number; indexes: number; vacuum: number; total: number };
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';
/** SQL for `n` Crockford base-32 characters of the bigint expression `v` (unrolled, inlinable). */
const b32 = (v: string, n: number) =>
  Array.from({ length: n }, (_, i) => `substr('${CROCKFORD}', ((${v} >> ${5 * (n - 1 - i)}) & 31)::int + 1, 1)`).join(' || ');

const SESSION_SQL = `
  SET synchronous_commit = off;
  SET work_mem = '64MB';
  SET maintenance_work_mem = '256MB';
  CREATE OR REPLACE FUNCTION pg_temp.ulid(ms bigint, r1 bigint, r2 bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT ${b32('ms', 10)} || ${b32('r1', 8)} || ${b32('r2', 8)} $$;
  CREATE TEMP TABLE IF NOT EXISTS seed_o (i int, ts bigint, k int, nl int, u1 float8, u2 float8, u3 float8, u4 float8,
    u5 float8, country text, id text);
  CREATE TEMP TABLE IF NOT EXISTS seed_l (i int, p int, sku int, qty int);
`;
/** 40 random bits, as a bigint expression. */
const R40 = `(random() * 1099511627775)::bigint`;

async function connect(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(SESSION_SQL);
  return c;
}

export async function seedOrders(url: string, opts: { orders: number; log?: (msg: string) => void }): Promise<SeedResult> {
  const N = opts.orders;
  const C = Math.max(1, Math.round(N / 5));
  const say = opts.log ?? ((m: string) => console.log(m));
  const t0 = performance.now();
  const a = await connect(url);
  const b = await connect(url);
  try {
    const [store] = (await a.query<{ id: string; seq: string | null }>(
      `SELECT s.id, (SELECT c.relname FROM pg_class c WHERE c.relkind = 'S' AND c.relname = 'order_number_' || s.id) AS seq
         FROM stores s ORDER BY s.id LIMIT 1`,
    )).rows;
    if (!store) throw new Error('no store: start the server once on this database first (it migrates and creates the store)');
    const [{ n: existing }] = (await a.query<{ n: string }>(`SELECT count(*) AS n FROM orders`)).rows;
    if (Number(existing)) throw new Error(`orders is not empty (${existing} rows): seed a fresh database`);
    const storeId = store.id;

    // Products and stock: the 50 SKUs the lines refer to.
    await a.query(
      `INSERT INTO products (store_id, sku, name, price_minor, currency)
       SELECT $1, sku, name, price, 'SAR' FROM unnest($2::text[], $3::text[], $4::bigint[]) AS t(sku, name, price)
       ON CONFLICT DO NOTHING`,
      [storeId, PRODUCTS.map((p) => p.sku), PRODUCTS.map((p) => p.name), PRODUCTS.map((p) => p.priceMinor)],
    );
    await a.query(
      `INSERT INTO stock_levels (store_id, sku, location, on_hand) SELECT $1, sku, 'main', 1000000 FROM unnest($2::text[]) sku
       ON CONFLICT DO NOTHING`,
      [storeId, PRODUCTS.map((p) => p.sku)],
    );

    // Secondary indexes off during the load; their exact definitions come back afterwards.
    const tables = ['orders', 'order_lines', 'customers', 'customer_identities'];
    const indexes = await dropSecondaryIndexes(a, tables);
    say(`seed: ${N.toLocaleString('en-US')} orders, ${C.toLocaleString('en-US')} customers for store ${storeId}; dropped ${indexes.length} secondary indexes for the load`);

    const span = 730 * 24 * 3600 * 1000;
    const end = Date.now() - 3600 * 1000;
    const step = Math.max(2, Math.floor(span / N));
    const start = end - step * N;

    // Customers (a scratch table, dropped at the end): one row per customer k = 1..C.
    const saPlaces = SA_PLACES.flatMap((p) => p.districts.map((d) => `${p.city}|${d}`));
    const egPlaces = EG_PLACES.flatMap((p) => p.districts.map((d) => `${p.city}|${d}`));
    await a.query(`DROP TABLE IF EXISTS bench_seed_customers`);
    await a.query(
      `CREATE TABLE bench_seed_customers AS
       SELECT k, id, country, national, CASE country WHEN 'SA' THEN '+966' ELSE '+20' END || national AS e164,
              name, email, split_part(place, '|', 1) AS city, split_part(place, '|', 2) AS district, street, building, created_ms
         FROM (
           SELECT k, 'cus_' || pg_temp.ulid(created_ms, ${R40}, ${R40}) AS id, country, created_ms,
                  CASE country
                    WHEN 'SA' THEN '5' || ($1::text[])[1 + floor(r1 * 7)::int] || lpad(((k::bigint * 7919 + 12345) % 10000000)::text, 7, '0')
                    ELSE '1' || ($2::text[])[1 + floor(r1 * 4)::int] || lpad(((k::bigint * 7919 + 12345) % 100000000)::text, 8, '0')
                  END AS national,
                  ($3::text[])[1 + floor(r2 * ${FIRST_NAMES.length})::int] || ' ' || ($4::text[])[1 + floor(r3 * ${FAMILY_NAMES.length})::int] AS name,
                  CASE WHEN r4 < 0.4 THEN 'c' || k || '.' || floor(r5 * 1000)::int || '@' || ($5::text[])[1 + floor(r6 * 4)::int] END AS email,
                  CASE country WHEN 'SA' THEN ($6::text[])[1 + floor(r5 * ${saPlaces.length})::int]
                               ELSE ($7::text[])[1 + floor(r5 * ${egPlaces.length})::int] END AS place,
                  CASE country WHEN 'SA' THEN ($8::text[])[1 + floor(r6 * ${SA_STREETS.length})::int]
                               ELSE ($12::text[])[1 + floor(r6 * ${EG_STREETS.length})::int] END AS street,
                  1 + floor(r2 * 120)::int AS building
             FROM (SELECT k, CASE WHEN random() < 0.7 THEN 'SA' ELSE 'EG' END AS country,
                          $9::bigint + (k - 1)::bigint * 5 * $10::bigint AS created_ms,
                          random() r1, random() r2, random() r3, random() r4, random() r5, random() r6
                     FROM generate_series(1, $11::int) k) s
         ) t`,
      [['0', '3', '4', '5', '6', '8', '9'], ['0', '1', '2', '5'], [...FIRST_NAMES], [...FAMILY_NAMES],
        ['gmail.com', 'hotmail.com', 'outlook.sa', 'yahoo.com'], saPlaces, egPlaces, [...SA_STREETS], start, step, C, [...EG_STREETS]],
    );
    await a.query(`CREATE UNIQUE INDEX ON bench_seed_customers (k)`);
    await a.query(`ANALYZE bench_seed_customers`);

    // Orders in chunks, two connections pulling from one queue.
    const CHUNK = 50_000;
    const chunks: [number, number][] = [];
    for (let i = 0; i < N; i += CHUNK) chunks.push([i, Math.min(N, i + CHUNK)]);
    const recentFrom = Math.floor(N * 0.98);
    const skus = PRODUCTS.map((p) => p.sku);
    const names = PRODUCTS.map((p) => p.name);
    const prices = PRODUCTS.map((p) => p.priceMinor);
    let done = 0;
    let lastReport = performance.now();

    const loadChunk = async (c: pg.Client, from: number, to: number) => {
      await c.query('BEGIN');
      await c.query('TRUNCATE seed_o, seed_l');
      await c.query(
        `INSERT INTO seed_o
         SELECT s.i, s.ts, s.k, CASE WHEN s.r < 0.6 THEN 1 WHEN s.r < 0.9 THEN 2 ELSE 3 END, s.u1, s.u2, s.u3, s.u4, s.u5, cu.country,
                'ord_' || pg_temp.ulid(s.ts, ${R40}, ${R40})
           FROM (SELECT i, $1::bigint + i::bigint * $2::bigint + floor(random() * ($2::bigint - 1))::bigint AS ts,
                        CASE WHEN i % 5 = 0 AND i / 5 < $3::int THEN i / 5 + 1 ELSE 1 + floor(random() * LEAST($3::int, i / 5 + 1))::int END AS k,
                        random() r, random() u1, random() u2, random() u3, random() u4, random() u5
                   FROM generate_series($4::int, $5::int - 1) i) s
           JOIN bench_seed_customers cu ON cu.k = s.k`,
        [start, step, C, from, to],
      );
      await c.query(
        `INSERT INTO seed_l
         SELECT i, p, sku, CASE WHEN q < 0.85 THEN 1 WHEN q < 0.97 THEN 2 ELSE 3 END
           FROM (SELECT o.i, p, (floor(o.u4 * 50)::int + p * 7) % 50 + 1 AS sku, random() AS q
                   FROM seed_o o CROSS JOIN LATERAL generate_series(1, o.nl) p) s`,
      );
      await c.query(
        `INSERT INTO order_lines (id, store_id, order_id, position, sku, name, quantity, unit_price_minor, total_minor)
         SELECT 'oln_' || pg_temp.ulid(o.ts, ${R40}, ${R40}), $1, o.id, l.p, ($2::text[])[l.sku], ($3::text[])[l.sku], l.qty,
                ($4::bigint[])[l.sku] * CASE o.country WHEN 'EG' THEN 13 ELSE 1 END,
                ($4::bigint[])[l.sku] * CASE o.country WHEN 'EG' THEN 13 ELSE 1 END * l.qty
           FROM seed_l l JOIN seed_o o USING (i)
          ORDER BY o.i, l.p`,
        [storeId, skus, names, prices],
      );
      await c.query(
        `INSERT INTO orders (id, store_id, number, external_id, source, status, hold_reasons, payment_method, payment_status,
           fulfillment_status, verification, risk, customer_id, customer_name, customer_phone, customer_phone_e164,
           customer_email, customer_email_canonical, shipping_address, address_key, currency, subtotal_minor, shipping_minor,
           discount_minor, tax_minor, total_minor, delivery, note, client, outcome, imported, placed_at, created_at, updated_at)
         SELECT id, $1, 1001 + i, external_id, source, status,
                CASE WHEN status = 'on_hold' THEN jsonb_build_array(jsonb_build_object('code', 'out_of_stock', 'message', 'Not enough stock', 'skus', jsonb_build_array(first_sku)))
                     ELSE '[]'::jsonb END,
                payment_method,
                CASE WHEN payment_method = 'online' THEN 'paid'
                     WHEN status IN ('completed', 'delivered') THEN 'paid'
                     WHEN status = 'returned' THEN 'unpaid' ELSE 'pending' END,
                CASE status WHEN 'completed' THEN 'delivered' WHEN 'delivered' THEN 'delivered' WHEN 'shipped' THEN 'shipped'
                            WHEN 'returned' THEN CASE WHEN u4 < 0.5 THEN 'refused' ELSE 'returned' END ELSE 'unfulfilled' END,
                jsonb_build_object('status',
                  CASE WHEN payment_method = 'online' THEN 'not_required'
                       WHEN status = 'pending' THEN CASE WHEN u4 < 0.5 THEN 'awaiting_customer' ELSE 'pending' END
                       WHEN status = 'on_hold' THEN 'pending'
                       WHEN status = 'cancelled' THEN CASE WHEN u4 < 0.4 THEN 'ghost' ELSE 'pending' END
                       WHEN u4 < 0.3 THEN 'auto_confirmed' ELSE 'confirmed' END),
                jsonb_build_object('level', CASE WHEN u5 < 0.9 THEN 'low' ELSE 'medium' END, 'score', CASE WHEN u5 < 0.9 THEN 0 ELSE 40 END,
                  'recommendation', 'verify', 'reasons', '[]'::jsonb),
                customer_id, name,
                CASE floor(u5 * 8)::int
                  WHEN 0 THEN '0' || national WHEN 1 THEN '+' || cc || national WHEN 2 THEN '00' || cc || national
                  WHEN 3 THEN cc || national
                  WHEN 4 THEN '0' || substr(national, 1, 2) || ' ' || substr(national, 3, 3) || ' ' || substr(national, 6)
                  WHEN 5 THEN translate('0' || national, '0123456789', '٠١٢٣٤٥٦٧٨٩')
                  WHEN 6 THEN E'\\u200e+' || cc || ' ' || substr(national, 1, 2) || ' ' || substr(national, 3, 3) || ' ' || substr(national, 6)
                  ELSE translate('+' || cc || national, '0123456789', '٠١٢٣٤٥٦٧٨٩') END,
                e164,
                CASE WHEN u2 < 0.95 THEN email END, CASE WHEN u2 < 0.95 THEN lower(email) END,
                jsonb_build_object('name', name, 'line1', street || ' ' || building, 'district', district, 'city', city, 'country', country),
                lower(country) || '|' || city || '|' || regexp_replace(district, '^حي ', '') || '|' || regexp_replace(street, '^(شارع|ش\\.) ', '') || ' ' || building,
                CASE country WHEN 'EG' THEN 'EGP' ELSE 'SAR' END,
                subtotal, shipping, discount, 0, subtotal + shipping - discount,
                CASE WHEN u3 < 0.3 THEN '{"option": "standard"}'::jsonb END,
                CASE WHEN random() < 0.1 THEN ($4::text[])[1 + floor(random() * 4)::int] END,
                CASE WHEN source <> 'api' THEN jsonb_build_object('ip', '10.' || floor(u3 * 255)::int || '.' || floor(u4 * 255)::int || '.' || (1 + floor(u5 * 254)::int),
                  'user_agent', 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)') END,
                NULL, false, placed, placed,
                CASE WHEN status IN ('pending') THEN placed ELSE LEAST(now(), placed + (u1 * interval '6 days')) END
           FROM (
             SELECT o.*, cu.id AS customer_id, cu.name, cu.national, cu.e164, cu.email, cu.city, cu.district, cu.street, cu.building,
                    CASE cu.country WHEN 'SA' THEN '966' ELSE '20' END AS cc,
                    to_timestamp(o.ts / 1000.0) AS placed,
                    CASE WHEN o.u3 < 0.3 THEN 'api' WHEN o.u3 < 0.55 THEN 'shopify' WHEN o.u3 < 0.85 THEN 'salla' ELSE 'woocommerce' END AS source,
                    CASE WHEN o.u3 < 0.3 THEN NULL WHEN o.u3 < 0.55 THEN (5100000000 + o.i)::text
                         WHEN o.u3 < 0.85 THEN (180000000 + o.i)::text ELSE (10000 + o.i)::text END AS external_id,
                    CASE WHEN o.u2 < 0.85 THEN 'cod' ELSE 'online' END AS payment_method,
                    CASE WHEN o.i >= $5::int THEN
                           CASE WHEN o.u1 < 0.50 THEN 'pending' WHEN o.u1 < 0.75 THEN 'confirmed' WHEN o.u1 < 0.85 THEN 'processing'
                                WHEN o.u1 < 0.90 THEN 'on_hold' ELSE 'shipped' END
                         ELSE
                           CASE WHEN o.u1 < 0.55 THEN 'completed' WHEN o.u1 < 0.62 THEN 'delivered' WHEN o.u1 < 0.72 THEN 'cancelled'
                                WHEN o.u1 < 0.80 THEN 'returned' WHEN o.u1 < 0.88 THEN 'shipped' WHEN o.u1 < 0.93 THEN 'processing'
                                WHEN o.u1 < 0.97 THEN 'confirmed' WHEN o.u1 < 0.985 THEN 'on_hold' ELSE 'pending' END
                    END AS status,
                    l.subtotal, l.first_sku,
                    CASE WHEN o.country = 'EG' THEN 6000 WHEN l.subtotal >= 30000 THEN 0 ELSE 2500 END AS shipping,
                    CASE WHEN o.u5 > 0.9 THEN l.subtotal / 10 ELSE 0 END AS discount
               FROM seed_o o
               JOIN bench_seed_customers cu ON cu.k = o.k
               JOIN (SELECT sl.i, sum(($2::bigint[])[sl.sku] * CASE so.country WHEN 'EG' THEN 13 ELSE 1 END * sl.qty) AS subtotal,
                            min(($3::text[])[sl.sku]) AS first_sku
                       FROM seed_l sl JOIN seed_o so USING (i) GROUP BY sl.i) l ON l.i = o.i
           ) x
          ORDER BY i`,
        [storeId, prices, skus, [...NOTES], recentFrom],
      );
      await c.query('COMMIT');
      done += to - from;
      if (performance.now() - lastReport > 15_000 || done === N) {
        lastReport = performance.now();
        say(`seed: ${done.toLocaleString('en-US')} / ${N.toLocaleString('en-US')} orders (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
      }
    };
    const queue = [...chunks];
    const worker = async (c: pg.Client) => {
      for (let next = queue.shift(); next; next = queue.shift()) await loadChunk(c, next[0], next[1]);
    };
    await Promise.all([worker(a), worker(b)]);

    // Customers with their order counts, and their identities (phone always, email when given).
    await a.query(
      `INSERT INTO customers (id, store_id, group_id, name, phone, phone_e164, phone_type, email, email_canonical, order_count, created_at, updated_at)
       SELECT c.id, $1, c.id, c.name, '0' || c.national, c.e164, 'mobile', c.email, lower(c.email), x.n, to_timestamp(c.created_ms / 1000.0), x.last
         FROM bench_seed_customers c
         JOIN (SELECT customer_id, count(*)::int AS n, max(placed_at) AS last FROM orders GROUP BY customer_id) x ON x.customer_id = c.id
        ORDER BY c.k`,
      [storeId],
    );
    await a.query(
      `INSERT INTO customer_identities (store_id, kind, value, customer_id, created_at)
       SELECT $1, 'phone', e164, id, to_timestamp(created_ms / 1000.0) FROM bench_seed_customers
       UNION ALL
       SELECT $1, 'email', lower(email), id, to_timestamp(created_ms / 1000.0) FROM bench_seed_customers WHERE email IS NOT NULL`,
      [storeId],
    );
    if (store.seq) await a.query(`SELECT setval($1::regclass, $2::bigint)`, [`"${store.seq}"`, 1000 + N]);
    await a.query(`DROP TABLE bench_seed_customers`);
    const tLoad = performance.now();
    say(`seed: rows loaded in ${((tLoad - t0) / 1000).toFixed(0)} s; re-creating ${indexes.length} indexes`);

    // Indexes back, biggest tables first, two at a time.
    const order = [...indexes].sort((x, y) => tables.indexOf(x.table) - tables.indexOf(y.table));
    const ixWorker = async (c: pg.Client) => {
      for (let ix = order.shift(); ix; ix = order.shift()) await c.query(ix.def);
    };
    await Promise.all([ixWorker(a), ixWorker(b)]);
    const tIndex = performance.now();
    say(`seed: indexes in ${((tIndex - tLoad) / 1000).toFixed(0)} s; VACUUM ANALYZE`);
    await Promise.all([
      a.query(`VACUUM (ANALYZE) orders`),
      (async () => {
        for (const t of ['order_lines', 'customers', 'customer_identities', 'products', 'stock_levels']) await b.query(`VACUUM (ANALYZE) ${t}`);
      })(),
    ]);
    await a.query('CHECKPOINT').catch(() => {}); // needs superuser or pg_checkpoint; only steadies the numbers after
    const tVacuum = performance.now();

    const counts = (await a.query<Record<string, string>>(`SELECT
      (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM order_lines) AS lines,
      (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM customer_identities) AS identities`)).rows[0];
    const result: SeedResult = {
      orders: Number(counts.orders),
      lines: Number(counts.lines),
      customers: Number(counts.customers),
      identities: Number(counts.identities),
      storeId,
      seconds: { load: (tLoad - t0) / 1000, indexes: (tIndex - tLoad) / 1000, vacuum: (tVacuum - tIndex) / 1000, total: (tVacuum - t0) / 1000 },
    };
    say(`seed: done in ${result.seconds.total.toFixed(0)} s: ${result.orders} orders, ${result.lines} lines, ${result.customers} customers, ${result.identities} identities`);
    return result;
  } finally {
    await a.end();
    await b.end();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const arg = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const url = arg('url') ?? process.env.DATABASE_URL;
  if (!url) {
    console.error('usage: node --import tsx bench/seed-orders.ts --url postgres://… [--orders 1000000]');
    process.exit(2);
  }
  await seedOrders(url, { orders: Number(arg('orders') ?? process.env.BENCH_ORDERS ?? 1_000_000) });
}
