import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * One small interface over both databases wasl runs on: PostgreSQL over `pg` (production,
 * many processes) and PGlite (embedded, one process). Queries are plain parameterised SQL, so
 * the same text runs on both. Operations take a `Sql` that is either the database or an open
 * transaction, so the caller decides what must be atomic.
 */
export interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Multi-statement SQL without parameters (migrations). */
  exec(text: string): Promise<void>;
}

export interface TransactionOptions {
  /**
   * Run every statement on the plan its connection keeps (`plan_cache_mode =
   * force_generic_plan` for this transaction only). For hot paths whose statements read by
   * equality on an index whatever the values (order intake): PostgreSQL otherwise re-plans a
   * many-part statement on every call once it guesses a custom plan might be cheaper, and the
   * planning costs more than the query (1.4 ms of 2 ms for customer analysis at intake).
   */
  cachedPlans?: boolean;
}

export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Sql) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
  /** For pg-boss: its own executor over this database (PGlite has no second connection). */
  readonly raw: PGlite | pg.Pool;
}

// bigint columns come back as strings from pg by default; money and counters need them exact,
// so the code converts explicitly where it reads them. Timestamps stay Date.

const RETRYABLE = new Set(['40001', '40P01']); // serialization failure, deadlock

export async function openDatabase(opts: { url?: string; dataDir?: string; poolSize?: number }): Promise<Database> {
  if (opts.url) return openPostgres(opts.url, opts.poolSize ?? 10);
  return openPglite(opts.dataDir);
}

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `w${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    if (names.size > 5_000) names.clear();
    names.set(text, name);
  }
  return name;
}

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client that errors (server restart) must not crash the process.
  pool.on('error', () => {});
  const wrap = (c: pg.Pool | pg.PoolClient): Sql => ({
    async query(text, params) {
      // Named (prepared) statements: each connection parses and plans a query text once, not
      // on every order. About 40% of PostgreSQL's CPU per order went to re-planning. Text
      // without parameters may hold several statements (pg-boss's own), which only the simple
      // protocol accepts.
      if (!params || !params.length) return (await c.query(text)).rows;
      return (await c.query({ name: statementName(text), text, values: params as unknown[] })).rows;
    },
    async exec(text) {
      await c.query(text);
    },
  });
  return {
    kind: 'postgres',
    raw: pool,
    ...wrap(pool),
    async transaction(fn, opts) {
      for (let attempt = 1; ; attempt++) {
        const client = await pool.connect();
        try {
          // One round trip either way: the simple protocol takes both statements at once.
          await client.query(opts?.cachedPlans ? 'BEGIN; SET LOCAL plan_cache_mode = force_generic_plan' : 'BEGIN');
          const result = await fn(wrap(client));
          await client.query('COMMIT');
          return result;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          if (attempt < 5 && RETRYABLE.has((err as { code?: string }).code ?? '')) continue;
          throw err;
        } finally {
          client.release();
        }
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openPglite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const wrap = (c: { query: PGlite['query']; exec: PGlite['exec'] }): Sql => ({
    async query(text, params) {
      return (await c.query(text, params as unknown[])).rows as never[];
    },
    async exec(text) {
      await c.exec(text);
    },
  });
  return {
    kind: 'pglite',
    raw: db,
    ...wrap(db),
    // PGlite runs one transaction at a time; its own mutex queues the others.
    // (Plans are not kept between statements here: `cachedPlans` changes nothing.)
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      await db.close();
    },
  };
}
