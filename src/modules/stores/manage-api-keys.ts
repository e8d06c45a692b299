import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { ROLES, mayManageRole, roleLabel } from '../users/index.ts';
import { createApiKey } from './api-keys.ts';

/**
 * The store's API keys as its owners manage them (GET/POST/DELETE /v1/api-keys). A key's
 * secret is in the answer to POST and nowhere else: only its hash is stored. A key without a
 * role is a manager's (every permission, but owners stay the owners' business).
 */
export const apiKeyBody = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    role: z.enum(ROLES).default('manager'),
  })
  .strict();
export const apiKeyParams = z.object({ id: z.string().min(1).max(64) });

interface KeyRow {
  id: string;
  name: string;
  role: string;
  prefix: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** A key as a list shows it: who it acts as, never the key. `prefix` is its first characters, to recognise it. */
export const apiKeyView = (k: KeyRow, actingKeyId?: string) => ({
  id: k.id,
  name: k.name,
  role: k.role,
  role_label: roleLabel(k.role),
  prefix: k.prefix,
  created_at: k.created_at,
  /** The key this request was made with. */
  current: k.id === actingKeyId,
});

const onlyOwners = () => new AppError(403, 'forbidden', 'Only a store owner can make or revoke a key with the owner role', [{ path: 'role', message: 'only an owner can give a key the owner role' }]);
const acting = (ctx: Ctx) => (ctx.actor.type === 'api_key' ? ctx.actor.id : undefined);

/** The keys that work, oldest first (there are a handful per store: no paging). */
export async function listApiKeys(ctx: Ctx) {
  const rows = await ctx.db.query<KeyRow>(
    `SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys WHERE store_id = $1 AND revoked_at IS NULL ORDER BY id`,
    [ctx.store.id],
  );
  return { data: rows.map((r) => apiKeyView(r, acting(ctx))) };
}

/** Make a key: the answer is the one time it is shown. Run in a transaction. */
export async function makeApiKey(ctx: Ctx, input: z.infer<typeof apiKeyBody>) {
  if (!mayManageRole(ctx.role ?? '', input.role)) throw onlyOwners();
  const { id, key } = await createApiKey(ctx.db, ctx.store.id, { name: input.name, role: input.role });
  // The audit log names the key, never its secret.
  await recordEvent(ctx, 'api_key.created', id, { name: input.name, role: input.role });
  const [row] = await ctx.db.query<KeyRow>(`SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys WHERE id = $1`, [id]);
  return { ...apiKeyView(row, acting(ctx)), key };
}

/**
 * Revoke a key: it stops working within the key cache's few seconds (api-keys.ts), in every
 * process. Revoking twice is fine. Run in a transaction.
 */
export async function revokeApiKey(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.db.query<KeyRow>(
    `SELECT id, name, role, prefix, created_at, revoked_at FROM api_keys WHERE store_id = $1 AND id = $2 FOR UPDATE`,
    [ctx.store.id, id],
  );
  if (!row) throw notFound('API key');
  if (!mayManageRole(ctx.role ?? '', row.role)) throw onlyOwners();
  if (row.revoked_at) return;
  await ctx.db.query(`UPDATE api_keys SET revoked_at = $2 WHERE id = $1`, [id, ctx.now()]);
  await recordEvent(ctx, 'api_key.revoked', id, { name: row.name, role: row.role });
}
