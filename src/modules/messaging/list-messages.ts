import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { toLatinDigits } from '../../platform/digits.ts';
import { unprocessable } from '../../platform/errors.ts';
import { normalizePhone } from '../customers/index.ts';
import { getOrders } from '../orders/index.ts';

export const messagesQuery = z.object({
  order_id: z.string().min(1).max(64).optional(),
  status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed']).optional(),
  channel: z.enum(['sms', 'whatsapp', 'email']).optional(),
  /** Who it went to: a phone in any form or digits (0551234567, +966 55 123 4567, ٠٥٥١٢٣٤٥٦٧) or an email. */
  to: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});

/** `to` as the column holds it: an E.164 phone (SMS, WhatsApp) or an email as written. */
function recipient(ctx: Ctx, raw: string): { channels: string[]; address: string; lower: boolean } {
  const to = toLatinDigits(raw).trim();
  if (to.includes('@')) return { channels: ['email'], address: to.toLowerCase(), lower: true };
  const phone = normalizePhone(to, [ctx.store.country]);
  if (!phone.e164) throw unprocessable('to is neither a phone number nor an email', [{ path: 'to', message: 'is not a phone number or an email' }]);
  return { channels: ['sms', 'whatsapp'], address: phone.e164, lower: false };
}

/**
 * Messages newest first (an order's, oldest first: they read as a conversation), each with its
 * order's number (`order: {id, number}`) so a list can name the order the way merchants do.
 */
export async function listMessages(ctx: Ctx, q: z.infer<typeof messagesQuery>) {
  const params: unknown[] = [ctx.store.id];
  const $ = (v: unknown) => `$${params.push(v)}`;
  const where = ['store_id = $1'];
  if (q.order_id) where.push(`order_id = ${$(q.order_id)}`);
  if (q.status) where.push(`status = ${$(q.status)}`);
  if (q.channel) where.push(`channel = ${$(q.channel)}`);
  if (q.to) {
    const r = recipient(ctx, q.to);
    where.push(`channel = ANY(${$(r.channels)}::text[])`, r.lower ? `lower(to_address) = ${$(r.address)}` : `to_address = ${$(r.address)}`);
  }
  const asc = Boolean(q.order_id);
  if (q.cursor) where.push(`id ${asc ? '>' : '<'} ${$(q.cursor)}`);
  const rows = await ctx.db.query<{ id: string; order_id: string | null }>(
    `SELECT id, order_id, channel, provider, to_address AS to, template, lang, subject, body, status, provider_message_id,
            attempts, last_error, created_at, sent_at, delivered_at, read_at, failed_at
       FROM messages WHERE ${where.join(' AND ')} ORDER BY id ${asc ? 'ASC' : 'DESC'} LIMIT ${$(q.limit + 1)}`,
    params,
  );
  const more = rows.length > q.limit;
  const page = more ? rows.slice(0, q.limit) : rows;
  const orders = await getOrders(ctx, [...new Set(page.map((m) => m.order_id).filter((id): id is string => Boolean(id)))]);
  const data = page.map((m) => {
    const o = m.order_id ? orders.get(m.order_id) : undefined;
    return { ...m, order: o ? { id: o.id, number: o.number } : null };
  });
  return { data, next_cursor: more ? page.at(-1)!.id : null };
}
