import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { toLatinDigits } from '../../platform/digits.ts';
import { badRequest } from '../../platform/errors.ts';
import { normalizePhone } from '../customers/index.ts';
import { ORDER_COLUMNS, loadLines, orderView, type OrderRow } from './order-view.ts';
import { ORDER_STATUSES, VERIFICATION_STATUSES } from './states.ts';

/** YYYY-MM-DD naming a real day (not 2025-02-30). */
function isDay(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
}
const day = z.string().refine(isDay, 'must be a calendar date YYYY-MM-DD');

export const listQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  /** `verification.status`; `cancelled` is a cascade the customer or the merchant ended. */
  verification: z.enum([...VERIFICATION_STATUSES, 'cancelled']).optional(),
  risk_level: z.enum(['low', 'medium', 'high', 'blocked']).optional(),
  source: z.string().max(50).optional(),
  /** Placed on or after this day, and on or before `placed_to`, both in the store's time zone. */
  placed_from: day.optional(),
  placed_to: day.optional(),
  phone: z.string().max(50).optional(),
  external_id: z.string().max(200).optional(),
  customer_id: z.string().max(64).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^ord_[0-9a-z]{26}$/.test(id)) throw badRequest('cursor is not one this API gave out', [{ path: 'query.cursor', message: 'is invalid' }]);
  return id;
}

/**
 * Newest first, paged by id (ids sort by time). `DESC NULLS LAST` matches the indexes exactly,
 * so a filtered list reads its own index instead of walking every order backwards. Each page
 * is an index range scan from the cursor, with no OFFSET and no COUNT over the table, so page
 * 1,000 costs what page 1 does.
 */
export async function listOrders(ctx: Ctx, query: z.infer<typeof listQuery>) {
  const params: unknown[] = [ctx.store.id];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const where = ['store_id = $1'];
  if (query.status) where.push(`status = ${$(query.status)}`);
  if (query.external_id) where.push(`external_id = ${$(query.external_id)}`);
  if (query.customer_id) where.push(`customer_id = ${$(query.customer_id)}`);
  // These ride on the store's newest-first scan with no index of their own: a page reads back
  // until it is full, cheap for common values; a rare one (risk blocked) on a big store may read
  // far, and would then earn an index like status has.
  if (query.verification) where.push(`verification->>'status' = ${$(query.verification)}`);
  if (query.risk_level) where.push(`risk->>'level' = ${$(query.risk_level)}`);
  if (query.source) where.push(`source = ${$(query.source)}`);
  if (query.placed_from) where.push(`placed_at >= (${$(query.placed_from)}::date)::timestamp AT TIME ZONE ${$(ctx.store.timezone)}`);
  if (query.placed_to) where.push(`placed_at < (${$(query.placed_to)}::date + 1)::timestamp AT TIME ZONE ${$(ctx.store.timezone)}`);
  if (query.phone) {
    const phone = normalizePhone(query.phone, [ctx.store.country]);
    if (!phone.readable) throw badRequest('phone is not a phone number', [{ path: 'query.phone', message: 'is not a phone number' }]);
    if (!phone.e164) return { data: [], next_cursor: null };
    where.push(`customer_phone_e164 = ${$(phone.e164)}`);
  }
  if (query.q) where.push(searchClause(ctx, query.q, $));
  if (query.cursor) where.push(`id < ${$(decodeCursor(query.cursor))}`);
  const rows = await ctx.db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE ${where.join(' AND ')} ORDER BY id DESC NULLS LAST LIMIT ${$(query.limit + 1)}`,
    params,
  );
  const page = rows.slice(0, query.limit);
  const lines = await loadLines(ctx, page.map((r) => r.id));
  return {
    data: page.map((r) => orderView(r, lines.get(r.id) ?? [])),
    next_cursor: rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

/** `q` is what a person types in a search box: an order number, a phone in any form, an id or a name. */
function searchClause(ctx: Ctx, raw: string, $: (value: unknown) => string): string {
  const q = toLatinDigits(raw).trim();
  const alternatives = [`external_id = ${$(q)}`, `id = ${$(q)}`];
  if (/^#?\d{1,12}$/.test(q)) alternatives.push(`number = ${$(q.replace('#', ''))}::bigint`);
  // A phone as people type it: digits with spaces, dashes, brackets, a plus, bidi marks.
  const phoneLike = /^[\d\s+()\-.\u200e\u200f\u202a-\u202e]+$/.test(q) && q.replace(/\D/g, '').length >= 5;
  const phone = phoneLike ? normalizePhone(q, [ctx.store.country]).e164 : null;
  if (phone) alternatives.push(`customer_phone_e164 = ${$(phone)}`);
  const prefix = q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  alternatives.push(`lower(customer_name) LIKE ${$(`${prefix}%`)}`);
  return `(${alternatives.join(' OR ')})`;
}
