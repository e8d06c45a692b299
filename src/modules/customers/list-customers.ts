import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { stripFormatCharacters, toLatinDigits } from '../../platform/digits.ts';
import { badRequest } from '../../platform/errors.ts';
import { canonicalEmail, normalizePhone } from './normalize/index.ts';
import { ORDER_OUTCOME_SQL } from './order-outcome.ts';
import { normalizeTag } from './tags.ts';

export const LIST_LIMIT = { default: 50, max: 200 };

export const listQuery = z.object({
  q: z.string().trim().max(200).optional(),
  tag: z.string().max(200).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT.max).optional(),
});
export type ListQuery = z.infer<typeof listQuery>;

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^cus_[0-9a-z]{26}$/.test(id)) throw badRequest('cursor is not one this API gave out', [{ path: 'query.cursor', message: 'is invalid' }]);
  return id;
}

interface Row {
  id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  email: string | null;
  email_canonical: string | null;
  order_count: number;
  tags: string[];
  created_at: Date;
}

const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;
type Outcome = (typeof OUTCOMES)[number];

/**
 * The customers list: newest first, paged by id (ids sort by time, no OFFSET), narrowed by what
 * a person types (`q`) and a tag. Each row carries the record's own orders by outcome, its
 * delivery success rate and its last order, from one grouped read of the page's orders; the
 * profile (`getCustomer`) adds the linked customers' orders on top.
 */
export async function listCustomers(ctx: Ctx, query: ListQuery) {
  const limit = query.limit ?? LIST_LIMIT.default;
  const params: unknown[] = [ctx.store.id];
  const $ = (value: unknown) => `$${params.push(value)}`;
  const where = ['c.store_id = $1'];
  if (query.tag !== undefined) where.push(`c.tags @> ARRAY[${$(normalizeTag(query.tag, 'query.tag'))}::text]`);
  if (query.q) where.push(searchClause(ctx, query.q, $));
  if (query.cursor) where.push(`c.id < ${$(decodeCursor(query.cursor))}`);
  const rows = await ctx.db.query<Row>(
    `SELECT c.id, c.name, c.phone, c.phone_e164, c.email, c.email_canonical, c.order_count, c.tags, c.created_at
       FROM customers c WHERE ${where.join(' AND ')} ORDER BY c.id DESC LIMIT ${$(limit + 1)}`,
    params,
  );
  const page = rows.slice(0, limit);
  const stats = await orderStats(ctx, page.map((r) => r.id));
  return {
    data: page.map((r) => ({ ...r, ...(stats.get(r.id) ?? emptyStats()) })),
    next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1].id) : null,
  };
}

// The letters one Arabic name is typed with several ways (hamza forms, alef maqsura, taa
// marbuta), folded the same way on both sides of the comparison.
const FOLD_FROM = 'أإآٱىة';
const FOLD_TO = 'اااايه';
const fold = (s: string) => s.toLowerCase().replace(/[أإآٱىة]/g, (ch) => FOLD_TO[FOLD_FROM.indexOf(ch)]);
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `q` as typed in the search box: a phone in any form (any digits, spaces, +966 or 05…) finds
 * whoever used that number, and part of a number (five digits or more) those whose number holds
 * it; an email in any spelling finds its owner, and the start of one matches emails; anything
 * else matches the start of a word of the name.
 */
function searchClause(ctx: Ctx, raw: string, $: (value: unknown) => string): string {
  const q = toLatinDigits(stripFormatCharacters(raw)).trim();
  const alternatives: string[] = [];
  const digits = q.replace(/\D/g, '');
  if (/^[\d\s+()\-.]+$/.test(q) && digits.length >= 5) {
    const phone = normalizePhone(q, [ctx.store.country]);
    if (phone.e164) {
      alternatives.push(`c.id IN (SELECT customer_id FROM customer_identities WHERE store_id = $1 AND kind = 'phone' AND value = ${$(phone.e164)})`);
    }
    // Part of a number: "0551234" is "551234" inside "+966551234567".
    alternatives.push(`c.phone_e164 LIKE ${$(`%${digits.replace(/^0+/, '')}%`)}`);
    return `(${alternatives.join(' OR ')})`;
  }
  if (q.includes('@')) {
    const email = canonicalEmail(q);
    if (email.valid) {
      alternatives.push(`c.id IN (SELECT customer_id FROM customer_identities WHERE store_id = $1 AND kind = 'email' AND value = ${$(email.canonical)})`);
    }
    alternatives.push(`lower(c.email) LIKE ${$(`${likeEscape(q.toLowerCase())}%`)}`);
    return `(${alternatives.join(' OR ')})`;
  }
  const name = `translate(lower(c.name), '${FOLD_FROM}', '${FOLD_TO}')`;
  const word = likeEscape(fold(q));
  alternatives.push(`${name} LIKE ${$(`${word}%`)}`, `${name} LIKE ${$(`% ${word}%`)}`);
  if (/^[^\s@]+$/.test(q)) alternatives.push(`lower(c.email) LIKE ${$(`${likeEscape(q.toLowerCase())}%`)}`);
  return `(${alternatives.join(' OR ')})`;
}

function emptyStats() {
  return {
    orders_by_outcome: Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>,
    delivery_success_rate: null as number | null,
    last_order_at: null as Date | null,
  };
}

/** Per customer of the page: orders by outcome, the share of parcels at the door delivered and paid, the last order. */
async function orderStats(ctx: Ctx, ids: string[]) {
  const out = new Map<string, ReturnType<typeof emptyStats>>();
  if (!ids.length) return out;
  const rows = await ctx.db.query<{ customer_id: string; outcome: Outcome; n: number; last_at: Date }>(
    `SELECT customer_id, ${ORDER_OUTCOME_SQL} AS outcome, count(*)::int AS n, max(placed_at) AS last_at
       FROM orders WHERE store_id = $1 AND customer_id = ANY($2::text[]) GROUP BY 1, 2`,
    [ctx.store.id, ids],
  );
  for (const r of rows) {
    const s = out.get(r.customer_id) ?? emptyStats();
    if (r.outcome in s.orders_by_outcome) s.orders_by_outcome[r.outcome] += r.n;
    const at = new Date(r.last_at);
    if (!s.last_order_at || at > s.last_order_at) s.last_order_at = at;
    out.set(r.customer_id, s);
  }
  for (const s of out.values()) {
    const c = s.orders_by_outcome;
    const shipped = c.delivered + c.refused + c.returned;
    s.delivery_success_rate = shipped ? Math.round((1000 * c.delivered) / shipped) / 1000 : null;
  }
  return out;
}
