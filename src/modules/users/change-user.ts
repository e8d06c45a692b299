import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { AppError, conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { ROLES, mayManageRole } from './permissions.ts';
import { endUserSessions } from './sessions.ts';
import { USER_COLUMNS, getUser, type UserRow } from './users.ts';

export const userPatch = z.object({ role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }).strict();

export const onlyOwners = () =>
  new AppError(403, 'forbidden', 'Only a store owner can change, invite or disable an owner, or make someone an owner');

/**
 * Change a user's role, or disable (signed out at once) or enable them. The store always keeps
 * one active owner: demoting or disabling the last is `409 last_owner`. Run in a transaction.
 */
export async function changeUser(ctx: Ctx, id: string, patch: z.infer<typeof userPatch>): Promise<UserRow> {
  // The active owners are locked first, in id order, by every change: two owners demoting each
  // other at the same moment are taken one after the other, and the second one is refused.
  const owners = await ctx.db.query<{ id: string }>(
    `SELECT id FROM users WHERE store_id = $1 AND role = 'owner' AND disabled_at IS NULL ORDER BY id FOR UPDATE`,
    [ctx.store.id],
  );
  const user = await getUser(ctx, id, { lock: true });
  const actorRole = ctx.role ?? '';
  if (!mayManageRole(actorRole, user.role) || (patch.role && !mayManageRole(actorRole, patch.role))) throw onlyOwners();

  const role = patch.role ?? user.role;
  const disabledAt = patch.disabled === undefined ? user.disabled_at : patch.disabled ? (user.disabled_at ?? ctx.now()) : null;
  const wasActiveOwner = user.role === 'owner' && !user.disabled_at;
  if (wasActiveOwner && (role !== 'owner' || disabledAt) && !owners.some((o) => o.id !== user.id)) {
    throw conflict('last_owner', 'This is the store\'s last active owner: make someone else an owner before demoting or disabling them', [
      { path: patch.role && role !== 'owner' ? 'role' : 'disabled', message: 'the store must keep one active owner' },
    ]);
  }
  if (role === user.role && disabledAt === user.disabled_at) return user;

  const [row] = await ctx.db.query<UserRow>(
    `UPDATE users SET role = $3, disabled_at = $4 WHERE store_id = $1 AND id = $2 RETURNING ${USER_COLUMNS}`,
    [ctx.store.id, id, role, disabledAt],
  );
  if (role !== user.role) await recordEvent(ctx, 'user.role_changed', id, { email: user.email, from: user.role, to: role });
  if (disabledAt && !user.disabled_at) {
    await endUserSessions(ctx.db, id);
    await recordEvent(ctx, 'user.disabled', id, { email: user.email });
  }
  if (!disabledAt && user.disabled_at) await recordEvent(ctx, 'user.enabled', id, { email: user.email });
  return row;
}
