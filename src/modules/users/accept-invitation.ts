import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { conflict } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Services } from '../../platform/services.ts';
import { storeCtx } from '../stores/index.ts';
import { openInvitation } from './invitations.ts';
import { hashPassword, passwordInput } from './passwords.ts';
import { beginSession, type ClientMeta, type SignedIn } from './sign-in.ts';
import { findUserByEmail, insertUser, nameInput } from './users.ts';

export const acceptBody = z.object({ name: nameInput, password: passwordInput }).strict();

/**
 * The invited person chooses their name and password: the user is made with the invitation's
 * role and signed in, in one transaction (a link accepted twice at once makes one user).
 */
export async function acceptInvitation(services: Services, token: string, input: z.infer<typeof acceptBody>, client: ClientMeta): Promise<SignedIn> {
  const first = await openInvitation(services.db, token, new Date());
  const passwordHash = await hashPassword(input.password);
  const base = await storeCtx(services, first.store_id, { type: 'user', id: '', name: input.name });
  return services.db.transaction(async (tx) => {
    const invitation = await openInvitation(tx, token, base.now(), { lock: true });
    if (await findUserByEmail(tx, invitation.store_id, invitation.email)) {
      throw conflict('user_exists', `${invitation.email} is already a user of this store; sign in instead`, [{ path: 'email', message: 'is already a user of this store' }]);
    }
    const user = await insertUser(tx, { storeId: invitation.store_id, email: invitation.email, name: input.name, passwordHash, role: invitation.role, now: base.now() });
    const ctx: Ctx = { ...base, db: tx, actor: { type: 'user', id: user.id, name: user.name }, role: user.role };
    await tx.query(`UPDATE user_invitations SET accepted_at = $2 WHERE id = $1`, [invitation.id, ctx.now()]);
    await recordEvent(ctx, 'invitation.accepted', invitation.id, { email: user.email, role: user.role, user_id: user.id });
    await recordEvent(ctx, 'user.created', user.id, { email: user.email, role: user.role, invitation_id: invitation.id, invited_by: invitation.invited_by });
    const session = await beginSession(ctx, user, client);
    return { ctx: { ...ctx, db: services.db }, user, ...session };
  });
}
