import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { bilingual } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events.ts';
import type { Services } from '../../platform/services.ts';
import { storeCtx } from '../stores/index.ts';
import { checkNobodysPassword, checkPassword } from './passwords.ts';
import { startSession } from './sessions.ts';
import { countFailure, forgetFailures, signInBlocked } from './sign-in-limits.ts';
import { USER_COLUMNS, canonicalUserEmail, type UserRow } from './users.ts';

export const signInBody = z.object({ email: z.string().trim().max(320), password: z.string().max(200) });

// One answer for an unknown email and a wrong password, so sign-in does not tell who has an account.
const INVALID = { en: 'The email or password is not correct', ar: 'البريد الإلكتروني أو كلمة المرور غير صحيحة' };
const TOO_MANY = {
  en: 'Too many failed sign-ins. Wait 15 minutes, then try again.',
  ar: 'محاولات دخول فاشلة كثيرة. انتظر ربع ساعة ثم حاول مرة أخرى.',
};
const DISABLED = {
  en: 'This account is disabled. Ask the store owner to enable it again.',
  ar: 'تم إيقاف هذا الحساب. اطلب من صاحب المتجر إعادة تفعيله.',
};

export interface SignedIn {
  ctx: Ctx;
  user: UserRow;
  token: string;
  expiresAt: Date;
}

export interface ClientMeta {
  ip: string;
  userAgent?: string;
}

/** Check the password, open a session and record `user.signed_in` (failures are counted, not recorded). */
export async function signIn(services: Services, input: z.infer<typeof signInBody>, client: ClientMeta): Promise<SignedIn> {
  const email = canonicalUserEmail(input.email);
  if (signInBlocked(email, client.ip)) throw bilingual(429, 'too_many_attempts', TOO_MANY);
  // Email is unique per store; a person working for two stores on one wasl signs in to the first
  // whose password matches.
  const candidates = await services.db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1 ORDER BY id LIMIT 5`, [email]);
  let user: UserRow | undefined;
  if (!candidates.length) await checkNobodysPassword(input.password);
  for (const c of candidates) {
    if (await checkPassword(c.password_hash, input.password)) {
      user = c;
      break;
    }
  }
  if (!user) {
    countFailure(email, client.ip);
    throw bilingual(401, 'invalid_credentials', INVALID);
  }
  if (user.disabled_at) throw bilingual(403, 'user_disabled', DISABLED);
  forgetFailures(email);
  return openSession(services, user, client);
}

async function openSession(services: Services, user: UserRow, client: ClientMeta): Promise<SignedIn> {
  const base = await storeCtx(services, user.store_id, { type: 'user', id: user.id, name: user.name });
  const ctx: Ctx = { ...base, role: user.role };
  const session = await services.db.transaction((tx) => beginSession({ ...ctx, db: tx }, user, client));
  return { ctx, user: { ...user, last_sign_in_at: ctx.now() }, ...session };
}

/** Open a session for a user whose password (or invitation) was just checked, in the caller's transaction. */
export async function beginSession(ctx: Ctx, user: UserRow, client: ClientMeta) {
  const session = await startSession(ctx.db, user, { now: ctx.now(), userAgent: client.userAgent, ip: client.ip });
  await ctx.db.query(`UPDATE users SET last_sign_in_at = $2 WHERE id = $1`, [user.id, ctx.now()]);
  await recordEvent(ctx, 'user.signed_in', user.id, { ip: client.ip });
  return session;
}
