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
        WHERE name IN ('shared_buffers', 'max_connections', 'synchronous_commit', 'work_mem', 'random_page_cost', 'effective_cache_size')`,
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
