import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { bilingual, unprocessable } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import { checkPassword, hashPassword, passwordInput } from './passwords.ts';
import { endUserSessions } from './sessions.ts';
import { countFailure, forgetFailures, signInBlocked } from './sign-in-limits.ts';
import type { ClientMeta } from './sign-in.ts';
import { getUser, nameInput, type UserRow } from './users.ts';

export const profilePatch = z
  .object({
    name: nameInput.optional(),
    /** null: follow the browser's language. */
    language: z.enum(['ar', 'en']).nullable().optional(),
    /** null: the language's usual digits. */
    digits: z.enum(['latin', 'arabic']).nullable().optional(),
    current_password: z.string().max(200).optional(),
    new_password: passwordInput.optional(),
  })
  .strict();

/**
 * A person changes their own name, language, digits or password. A new password needs the
 * current one (guesses count towards the sign-in limit) and signs every other browser out.
 */
export async function changeProfile(db: Database, ctx: Ctx, patch: z.infer<typeof profilePatch>, client: ClientMeta & { keepToken?: string }): Promise<UserRow> {
  const user = await getUser(ctx, ctx.actor.id);
  let passwordHash: string | undefined;
  if (patch.new_password !== undefined) {
    if (!patch.current_password) {
      throw unprocessable('current_password is required to set a new password', [{ path: 'current_password', message: 'is required to set a new password' }]);
    }
    if (signInBlocked(user.email, client.ip)) {
      throw bilingual(429, 'too_many_attempts', { en: 'Too many wrong passwords. Wait 15 minutes, then try again.', ar: 'محاولات خاطئة كثيرة. انتظر ربع ساعة ثم حاول مرة أخرى.' });
    }
    if (!(await checkPassword(user.password_hash, patch.current_password))) {
      countFailure(user.email, client.ip);
      throw unprocessable('current_password is not your current password', [{ path: 'current_password', message: 'is not your current password' }], 'wrong_password');
    }
    forgetFailures(user.email);
    passwordHash = await hashPassword(patch.new_password);
  }
  const next = {
    name: patch.name ?? user.name,
    language: patch.language === undefined ? user.language : patch.language,
    digits: patch.digits === undefined ? user.digits : patch.digits,
  };
  const changed: string[] = (['name', 'language', 'digits'] as const).filter((k) => next[k] !== user[k]);
  if (passwordHash) changed.push('password');
  if (!changed.length) return user;
  return db.transaction(async (tx) => {
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET name = $3, language = $4, digits = $5, password_hash = COALESCE($6, password_hash)
        WHERE store_id = $1 AND id = $2 RETURNING *`,
      [ctx.store.id, user.id, next.name, next.language, next.digits, passwordHash ?? null],
    );
    if (passwordHash) await endUserSessions(tx, user.id, client.keepToken);
    // Names of what changed only: never a password, not even its hash.
    await recordEvent({ ...ctx, db: tx, actor: { ...ctx.actor, name: next.name } }, 'user.profile_changed', user.id, { changed });
    return row;
  });
}
