import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { badRequest } from '../../platform/errors.ts';

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new key: `wasl_` and 40 URL-safe random characters. Only its hash is stored. */
export function generateKey(): string {
  return `wasl_${randomBytes(30).toString('base64url')}`;
}

export async function createApiKey(db: Sql, storeId: string, opts: { name: string; role: string; key?: string }) {
  const key = opts.key ?? generateKey();
  if (!/^[A-Za-z0-9_-]{32,}$/.test(key)) {
    throw badRequest('An API key must be 32 or more URL-safe characters (A-Z a-z 0-9 _ -)');
  }
  const id = newId('key');
  await db.query(
    `INSERT INTO api_keys (id, store_id, name, key_hash, prefix, role) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, storeId, opts.name, hashKey(key), key.slice(0, 9), opts.role],
  );
  return { id, key };
}

export interface KeyOwner {
  keyId: string;
  storeId: string;
  role: string;
  name: string;
}

// Every API request looks its key up; a short cache keeps that off the hot path. A revoked
// key stops working within CACHE_MS.
const CACHE_MS = 5_000;
const cache = new Map<string, { owner: KeyOwner | null; at: number }>();

export async function findKeyOwner(db: Sql, key: string): Promise<KeyOwner | null> {
  const hash = hashKey(key);
  const hit = cache.get(hash);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.owner;
  const [row] = await db.query<{ id: string; store_id: string; role: string; name: string }>(
    `SELECT id, store_id, role, name FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
    [hash],
  );
  const owner = row ? { keyId: row.id, storeId: row.store_id, role: row.role, name: row.name } : null;
  if (cache.size > 10_000) cache.clear();
  cache.set(hash, { owner, at: Date.now() });
  return owner;
}
