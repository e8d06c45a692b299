import type { Database } from '../../platform/db.ts';
import type { Services } from '../../platform/services.ts';
import { recordEvent } from '../../platform/events.ts';
import { getStore } from '../stores/index.ts';
import { MIN_PASSWORD, generatePassword, hashPassword } from './passwords.ts';
import { canonicalUserEmail, insertUser } from './users.ts';

export const DEFAULT_OWNER_EMAIL = 'owner@wasl.local';
const LOCK_KEY = 72_617_302; // next to the store bootstrap's; any constant shared by every wasl process

export interface FirstOwner {
  email: string;
  /** Set only when wasl made the password up: the one time it can be shown. */
  generatedPassword?: string;
}

/**
 * A store with no user gets its owner (`WASL_OWNER_EMAIL` / `WASL_OWNER_PASSWORD`, or
 * owner@wasl.local with a generated password), so there is always someone who can sign in.
 * Returns what to print, or null when the store already has users. Safe when several processes
 * start at once: the check and the insert run under one advisory lock.
 */
export async function ensureOwner(services: Pick<Services, 'db' | 'log'>, storeId: string, opts: { email?: string; password?: string } = {}): Promise<FirstOwner | null> {
  const { db } = services;
  const any = async (sql: Pick<Database, 'query'>) => (await sql.query(`SELECT 1 FROM users WHERE store_id = $1 LIMIT 1`, [storeId])).length > 0;
  if (await any(db)) return null;
  const email = canonicalUserEmail(opts.email || DEFAULT_OWNER_EMAIL);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`WASL_OWNER_EMAIL is not an email address: ${email}`);
  if (opts.password !== undefined && opts.password.length < MIN_PASSWORD) {
    throw new Error(`WASL_OWNER_PASSWORD must be at least ${MIN_PASSWORD} characters`);
  }
  const password = opts.password ?? generatePassword();
  const passwordHash = await hashPassword(password); // before the lock: other processes need not wait for argon2
  const store = await getStore(db, storeId, { fresh: true });
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEY]);
    if (await any(tx)) return null;
    const now = new Date();
    const user = await insertUser(tx, { storeId, email, name: email.split('@')[0], passwordHash, role: 'owner', now });
    const ctx = { db: tx, store, actor: { type: 'system' as const, id: 'first_start' }, now: () => now, log: services.log };
    await recordEvent(ctx, 'user.created', user.id, { email, role: 'owner' });
    return { email, generatedPassword: opts.password === undefined ? password : undefined };
  });
}
