import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { readConfig } from '../src/platform/config.ts';
import { openDatabase, type Database } from '../src/platform/db.ts';
import { startServer, type Running } from '../src/server.ts';

/**
 * A real wasl server on 127.0.0.1 with a database of its own: a fresh PGlite in memory by
 * default, or a fresh database on the PostgreSQL server named by WASL_TEST_DATABASE_URL
 * (npm test runs every integration test both ways).
 */
export const onPostgres = Boolean(process.env.WASL_TEST_DATABASE_URL);
export const dbLabel = onPostgres ? 'postgres' : 'pglite';

export interface TestServer {
  url: string;
  key: string;
  storeId: string;
  db: Database;
  running: Running;
  api<T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T; headers: Headers }>;
  stop(): Promise<void>;
}

export async function freshDatabaseUrl(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = process.env.WASL_TEST_DATABASE_URL;
  if (!admin) return null;
  const name = `wasl_t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function startTestServer(opts: { worker?: boolean; env?: Record<string, string> } = {}): Promise<TestServer> {
  const fresh = await freshDatabaseUrl();
  const db = await openDatabase({ url: fresh?.url });
  const key = `test_${randomBytes(24).toString('base64url')}`;
  const config = { ...readConfig({ ...opts.env, PORT: '0', HOST: '127.0.0.1', WASL_API_KEY: key }), databaseUrl: fresh?.url };
  const running = await startServer(config, { worker: opts.worker ?? false, log: pino({ level: process.env.TEST_LOG ?? 'silent' }), db });
  const url = running.url;
  return {
    url,
    key,
    storeId: running.bootstrap.storeId,
    db,
    running,
    async api(method, path, body, headers = {}) {
      const res = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, body: parsed as never, headers: res.headers };
    },
    async stop() {
      await running.stop();
      await db.close();
      await fresh?.drop();
    },
  };
}

let bodies = 0;
/**
 * A valid order body; override any part. Each one is a new customer (own phone and email):
 * customer analysis links orders by phone and email, so a shared default would make every
 * order of a test file one busy person's.
 */
export function orderBody(over: Record<string, unknown> = {}) {
  bodies += 1;
  return {
    currency: 'SAR',
    customer: { name: 'سارة العتيبي', phone: `0502${String(bodies).padStart(6, '0')}`, email: `sara${bodies}@example.com` },
    shipping_address: { line1: `شارع الملك فهد ${bodies}`, district: 'العليا', city: 'الرياض', country: 'SA' },
    lines: [{ sku: 'TSHIRT', quantity: 1, unit_price: '99.50' }],
    payment: { method: 'cod' },
    ...over,
  };
}

/** Put a product with stock in the store. */
export async function stock(server: TestServer, sku: string, onHand: number, price = '99.50') {
  const p = await server.api('PUT', `/v1/products/${sku}`, { name: `Product ${sku}`, price });
  if (p.status !== 200) throw new Error(`product: ${p.status} ${JSON.stringify(p.body)}`);
  const s = await server.api('PUT', `/v1/inventory/${sku}`, { on_hand: onHand });
  if (s.status !== 200) throw new Error(`stock: ${s.status} ${JSON.stringify(s.body)}`);
}
