import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { USER_COLUMNS, type UserRow } from './users.ts';

export const SESSION_COOKIE = 'wasl_session';
const DAY = 24 * 3600 * 1000;
/** A sign-in lasts 14 days at most, and ends sooner after 7 days without use. */
export const SESSION_DAYS = 14;
export const IDLE_DAYS = 7;
// last_seen_at only needs to be right to the day; writing it on every request would make each
// page view a write.
const TOUCH_MS = 60_000;

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
/** 32 random bytes, URL-safe: the cookie's value and the invitation link's last part. */
export const newToken = () => randomBytes(32).toString('base64url');

export async function startSession(db: Sql, user: UserRow, meta: { now: Date; userAgent?: string; ip?: string }) {
  const token = newToken();
  const expiresAt = new Date(meta.now.getTime() + SESSION_DAYS * DAY);
  // Each sign-in also sweeps this user's dead sessions, so the table does not grow for ever.
  await db.query(`DELETE FROM user_sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)`, [
    user.id, meta.now, new Date(meta.now.getTime() - IDLE_DAYS * DAY),
  ]);
  await db.query(
    `INSERT INTO user_sessions (id, store_id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip)
     VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)`,
    [newId('ses'), user.store_id, hashToken(token), user.id, meta.now, expiresAt, meta.userAgent?.slice(0, 500) ?? null, meta.ip ?? null],
  );
  return { token, expiresAt };
}

export interface Session {
  sessionId: string;
  user: UserRow;
}

/** The live session behind a cookie's token, or null (unknown, expired, idle too long, user disabled). */
export async function findSession(db: Sql, token: string, now: Date): Promise<Session | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const cols = USER_COLUMNS.split(', ').map((c) => `u.${c}`).join(', ');
  const [row] = await db.query<UserRow & { session_id: string; last_seen_at: Date; expires_at: Date }>(
    `SELECT s.id AS session_id, s.last_seen_at, s.expires_at, ${cols}
       FROM user_sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) return null;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (new Date(row.expires_at) <= now || lastSeen <= now.getTime() - IDLE_DAYS * DAY) {
    await db.query(`DELETE FROM user_sessions WHERE id = $1`, [row.session_id]);
    return null;
  }
  if (row.disabled_at) return null;
  if (now.getTime() - lastSeen > TOUCH_MS) {
    await db.query(`UPDATE user_sessions SET last_seen_at = $2 WHERE id = $1`, [row.session_id, now]);
  }
  const { session_id, last_seen_at: _seen, expires_at: _expires, ...user } = row;
  return { sessionId: session_id, user };
}

export async function endSession(db: Sql, token: string) {
  await db.query(`DELETE FROM user_sessions WHERE token_hash = $1`, [hashToken(token)]);
}

/** Sign a user out everywhere (disabled; a new password), but for the browser whose token is kept. */
export async function endUserSessions(db: Sql, userId: string, keepToken?: string) {
  await db.query(`DELETE FROM user_sessions WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [userId, keepToken ? hashToken(keepToken) : null]);
}

/** The cookie: script cannot read it, other sites' forms do not carry it, https-only when served over https. */
export function sessionCookieOptions(publicUrl: string, expiresAt?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: publicUrl.startsWith('https:'),
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}
