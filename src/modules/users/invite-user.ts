import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { onlyOwners } from './change-user.ts';
import { ROLES, mayManageRole } from './permissions.ts';
import { hashToken, newToken } from './sessions.ts';
import { INVITATION_COLUMNS, invitationView, type InvitationRow } from './invitations.ts';
import { canonicalUserEmail, emailInput, findUserByEmail, nameInput } from './users.ts';

export const INVITATION_DAYS = 7;
export const inviteBody = z.object({ email: emailInput, role: z.enum(ROLES), name: nameInput.optional() }).strict();

/**
 * Invite a person by email with a role: the answer carries the link to send them
 * (`<public url>/invite/<token>`, shown this once; only its hash is kept). Inviting the same
 * email again withdraws the earlier link. Run in a transaction.
 */
export async function inviteUser(ctx: Ctx, input: z.infer<typeof inviteBody>, publicUrl: string) {
  if (!mayManageRole(ctx.role ?? '', input.role)) throw onlyOwners();
  const email = canonicalUserEmail(input.email);
  if (await findUserByEmail(ctx.db, ctx.store.id, email)) {
    throw conflict('user_exists', `${email} is already a user of this store`, [{ path: 'email', message: 'is already a user of this store' }]);
  }
  const replaced = await ctx.db.query<{ id: string }>(
    `UPDATE user_invitations SET revoked_at = $3
      WHERE store_id = $1 AND email = $2 AND accepted_at IS NULL AND revoked_at IS NULL RETURNING id`,
    [ctx.store.id, email, ctx.now()],
  );
  const id = newId('inv');
  const token = newToken();
  const [row] = await ctx.db.query<InvitationRow>(
    `INSERT INTO user_invitations (id, token_hash, store_id, email, role, name, invited_by, created_at, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${INVITATION_COLUMNS}`,
    [id, hashToken(token), ctx.store.id, email, input.role, input.name ?? null, ctx.actor.id, ctx.now(),
      new Date(ctx.now().getTime() + INVITATION_DAYS * 24 * 3600 * 1000)],
  );
  for (const r of replaced) await recordEvent(ctx, 'invitation.revoked', r.id, { email, replaced_by: id });
  await recordEvent(ctx, 'invitation.created', id, { email, role: input.role });
  return { invitation: invitationView(row), link: `${publicUrl.replace(/\/+$/, '')}/invite/${token}` };
}
