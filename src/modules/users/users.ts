import { z } from 'zod';
import type { Ctx, StoreInfo } from '../../platform/context.ts';
import type { Sql } from '../../platform/db.ts';
import { badRequest, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { permissionsOf, roleLabel } from './permissions.ts';

export interface UserRow {
  id: string;
  store_id: string;
  email: string;
  name: string;
  password_hash: string;
  role: string;
  language: 'ar' | 'en' | null;
  digits: 'latin' | 'arabic' | null;
  disabled_at: Date | null;
  created_at: Date;
  last_sign_in_at: Date | null;
}

export const USER_COLUMNS = 'id, store_id, email, name, password_hash, role, language, digits, disabled_at, created_at, last_sign_in_at';

/** One spelling per address: trimmed and lowercased (`Sara@Shop.SA ` is `sara@shop.sa`). */
export const canonicalUserEmail = (email: string) => email.trim().toLowerCase();
export const emailInput = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address');
export const nameInput = z.string().trim().min(1).max(200);

/** The signed-in person as the web app needs them. */
export function userView(u: UserRow) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, role_label: roleLabel(u.role), language: u.language, digits: u.digits };
}

/** A user as the team list shows them. */
export function memberView(u: UserRow) {
  return {
    ...userView(u),
    disabled: u.disabled_at !== null,
    disabled_at: u.disabled_at,
    created_at: u.created_at,
    last_sign_in_at: u.last_sign_in_at,
  };
}

/** What GET /v1/auth/me, sign-in and accepting an invitation answer. */
export function meView(store: StoreInfo, user: UserRow | null, role: string) {
  return {
    user: user ? userView(user) : null,
    store: { id: store.id, name: store.name, currency: store.currency, timezone: store.timezone, locale: store.locale, country: store.country },
    permissions: permissionsOf(role),
  };
}

export async function getUser(ctx: Pick<Ctx, 'db' | 'store'>, id: string, opts: { lock?: boolean } = {}): Promise<UserRow> {
  const [row] = await ctx.db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE store_id = $1 AND id = $2${opts.lock ? ' FOR UPDATE' : ''}`,
    [ctx.store.id, id],
  );
  if (!row) throw notFound('User');
  return row;
}

export async function findUserByEmail(db: Sql, storeId: string, email: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE store_id = $1 AND email = $2`, [storeId, canonicalUserEmail(email)]);
  return row ?? null;
}

export const usersQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
export function decodeCursor(cursor: string, prefix: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!new RegExp(`^${prefix}_[0-9a-z]{26}$`).test(id)) throw badRequest('cursor is not one this API gave out', [{ path: 'query.cursor', message: 'is invalid' }]);
  return id;
}

/** The store's team, oldest first (the owner on top), paged by id. */
export async function listUsers(ctx: Ctx, q: z.infer<typeof usersQuery>) {
  const rows = await ctx.db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE store_id = $1 AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [ctx.store.id, q.cursor ? decodeCursor(q.cursor, 'usr') : null, q.limit + 1],
  );
  const page = rows.slice(0, q.limit);
  return { data: page.map(memberView), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1].id) : null };
}

export async function insertUser(db: Sql, u: { storeId: string; email: string; name: string; passwordHash: string; role: string; now: Date }): Promise<UserRow> {
  const [row] = await db.query<UserRow>(
    `INSERT INTO users (id, store_id, email, name, password_hash, role, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${USER_COLUMNS}`,
    [newId('usr'), u.storeId, canonicalUserEmail(u.email), u.name, u.passwordHash, u.role, u.now],
  );
  return row;
}
