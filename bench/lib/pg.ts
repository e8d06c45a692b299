import pg from 'pg';

/** The PostgreSQL server every benchmark uses (trust auth on 127.0.0.1 by default). */
export const ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const safeName = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a safe database name: ${name}`);
  return name;
};

const created = new Set<string>();

/** A fresh, empty database (an old one of the same name, left by an aborted run, is dropped). */
export async function createDatabase(name: string): Promise<string> {
  safeName(name);
  await admin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
  created.add(name);
  return urlFor(name);
}

export async function dropDatabase(name: string): Promise<void> {
  safeName(name);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  created.delete(name);
}

/** Drop every database this process created and has not dropped yet (on abort). */
export async function dropCreatedDatabases(): Promise<void> {
  for (const name of [...created]) await dropDatabase(name).catch(() => {});
}

export async function serverVersion(): Promise<string> {
  return admin(async (c) => {
    const { rows } = await c.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    return `PostgreSQL ${rows[0].v.split(' ')[0]}`;
  });
}

export async function serverSettings(): Promise<Record<string, string>> {
  return admin(async (c) => {
    const { rows } = await c.query<{ name: string; setting: string; unit: string | null }>(
      `SELECT name, setting, unit FROM pg_settings
        WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'work_mem', 'random_page_cost', 'effective_cache_size', 'autovacuum')`,
    );
    return Object.fromEntries(rows.map((r) => [r.name, r.unit === '8kB' ? `${(Number(r.setting) * 8) / 1024} MB` : `${r.setting}${r.unit ?? ''}`]));
  });
}

/** Backends of other databases doing something now: other people's load skews the numbers. */
export async function otherActivity(ownDatabases: string[]): Promise<number> {
  return admin(async (c) => {
    const { rows } = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity
        WHERE state = 'active' AND pid <> pg_backend_pid() AND datname IS NOT NULL AND NOT (datname = ANY($1))`,
      [ownDatabases],
    );
    return Number(rows[0].n);
  });
}

/**
 * Samples what the backends of one database are doing every `everyMs` (state and wait event),
 * to say where intake time goes: `idle in transaction/Client:ClientRead` means PostgreSQL waits
 * for the application's next statement, `Lock:transactionid` a row lock held by another
 * order, `IO:WALSync` the commit flush.
 */
export function sampleActivity(database: string, everyMs = 20) {
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const c = new pg.Client({ connectionString: ADMIN_URL });
  const done = (async () => {
    await c.connect();
    while (!stopped) {
      const { rows } = await c.query<{ state: string; wait: string | null }>(
        `SELECT state, wait_event_type || ':' || wait_event AS wait FROM pg_stat_activity
          WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
        [database],
      );
      samples++;
      for (const r of rows) {
        if (r.state === 'idle') continue;
        const k = `${r.state}${r.wait ? ` / ${r.wait}` : ' / on CPU'}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
    await c.end();
  })();
  return {
    async stop() {
      stopped = true;
      await done;
      const total = [...counts.values()].reduce((s, v) => s + v, 0);
      return {
        samples,
        /** Average number of non-idle backends per sample. */
        busyBackends: samples ? total / samples : 0,
        top: [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => ({ what: k, share: v / Math.max(1, total) })),
      };
    },
  };
}

export async function databaseStats(database: string) {
  return admin(async (c) => {
    const { rows } = await c.query<Record<string, string>>(
      `SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_fetched, blks_read, blks_hit
         FROM pg_stat_database WHERE datname = $1`,
      [database],
    );
    return Object.fromEntries(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, Number(v)])) as Record<string, number>;
  });
}

/**
 * Drop the secondary indexes of `tables` for a bulk load (primary keys and constraints stay)
 * and return their exact definitions, to re-create them afterwards as the migrations made them.
 */
export async function dropSecondaryIndexes(c: pg.Client | pg.PoolClient, tables: string[]): Promise<{ name: string; def: string; table: string }[]> {
  const indexes = (await c.query<{ name: string; def: string; table: string }>(
    `SELECT i.indexname AS name, i.indexdef AS def, i.tablename AS "table" FROM pg_indexes i
      WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [tables],
  )).rows;
  for (const ix of indexes) await c.query(`DROP INDEX "${ix.name}"`);
  return indexes;
}

/** ANALYZE a database (what autovacuum would have done by now on a server where it is on). */
export async function analyze(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('ANALYZE');
  } finally {
    await c.end();
  }
}
