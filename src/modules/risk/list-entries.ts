import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { stripFormatCharacters, toLatinDigits } from '../../platform/digits.ts';
import { badRequest } from '../../platform/errors.ts';
import { canonicalEmail, normalizeArabicText, normalizePhone, phoneLast9 } from '../customers/index.ts';
import { ENTRY_COLUMNS, type ListEntry } from './list-entry.ts';
import { ENTRY_TYPES, normalizeIp, type ListName } from './list-keys.ts';

export const entriesQuery = z.object({
  type: z.enum(ENTRY_TYPES).optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^rsk_[0-9a-z]{26}$/.test(id)) throw badRequest('cursor is not one this API gave out', [{ path: 'query.cursor', message: 'is invalid' }]);
  return id;
}

/** The list, newest first, paged by id (ids sort by time). */
export async function listEntries(ctx: Ctx, list: ListName, query: z.infer<typeof entriesQuery>) {
  const params: unknown[] = [ctx.store.id, list];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const where = ['store_id = $1', 'list = $2'];
  if (query.type) where.push(`type = ${$(query.type)}`);
  if (query.q) where.push(searchClause(ctx, query.q, $));
  if (query.cursor) where.push(`id < ${$(decodeCursor(query.cursor))}`);
  const rows = await ctx.db.query<ListEntry>(
    `SELECT ${ENTRY_COLUMNS} FROM risk_lists WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ${$(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  return { data: page, next_cursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null };
}

const contains = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * `q` is what a merchant types to find an entry: a phone, email or IP in any spelling (found by
 * its key), part of a key or an address, or words of the reason. A store's lists are short, so
 * the substring matches may read all of them.
 */
function searchClause(ctx: Ctx, raw: string, $: (value: unknown) => string): string {
  const q = toLatinDigits(stripFormatCharacters(raw)).trim();
  const alternatives = [`key LIKE ${$(contains(q.toLowerCase()))}`, `reason ILIKE ${$(contains(q))}`];
  const text = normalizeArabicText(q);
  if (text && text !== q.toLowerCase()) alternatives.push(`key LIKE ${$(contains(text))}`);
  if (/^[\d\s+()\-.]+$/.test(q) && q.replace(/\D/g, '').length >= 5) {
    const phone = normalizePhone(q, [ctx.store.country]);
    if (phone.e164) alternatives.push(`key = ${$(phone.e164)}`);
    else alternatives.push(`last9 = ${$(phoneLast9(q))}`);
  }
  const email = canonicalEmail(q).canonical;
  if (email) alternatives.push(`key = ${$(email)}`);
  const ip = normalizeIp(q);
  if (ip) alternatives.push(`key = ${$(ip)}`);
  return `(${alternatives.join(' OR ')})`;
}
