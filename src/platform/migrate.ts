import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from './db.ts';

// drizzle-kit writes the SQL migrations into ./drizzle with a journal; they are committed and
// reviewed like code. This runner applies them in one transaction under an advisory lock, so
// several processes starting at once on one PostgreSQL do not race.
const DIR = fileURLToPath(new URL('../../drizzle/', import.meta.url));
const LOCK_KEY = 72_617_300; // any constant; shared by every wasl process

interface Journal {
  entries: { idx: number; tag: string }[];
}

export async function migrate(db: Database): Promise<string[]> {
  const journal = JSON.parse(readFileSync(`${DIR}meta/_journal.json`, 'utf8')) as Journal;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS wasl_migrations (
      tag text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ tag: string }>('SELECT tag FROM wasl_migrations')).map((r) => r.tag));
    const applied: string[] = [];
    for (const { tag } of journal.entries.sort((a, b) => a.idx - b.idx)) {
      if (done.has(tag)) continue;
      const text = readFileSync(`${DIR}${tag}.sql`, 'utf8');
      for (const statement of text.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.exec(statement);
      }
      await tx.query('INSERT INTO wasl_migrations (tag) VALUES ($1)', [tag]);
      applied.push(tag);
    }
    return applied;
  });
}
