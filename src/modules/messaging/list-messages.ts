import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';

export const messagesQuery = z.object({
  order_id: z.string().min(1).max(64).optional(),
  status: z.enum(['queued', 'sent', 'delivered', 'read', 'failed']).optional(),
  channel: z.enum(['sms', 'whatsapp', 'email']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(64).optional(),
});

/** Messages newest first (an order's, oldest first: they read as a conversation). */
export async function listMessages(ctx: Ctx, q: z.infer<typeof messagesQuery>) {
  const params: unknown[] = [ctx.store.id];
  const $ = (v: unknown) => `$${params.push(v)}`;
  const where = ['store_id = $1'];
  if (q.order_id) where.push(`order_id = ${$(q.order_id)}`);
  if (q.status) where.push(`status = ${$(q.status)}`);
  if (q.channel) where.push(`channel = ${$(q.channel)}`);
  const asc = Boolean(q.order_id);
  if (q.cursor) where.push(`id ${asc ? '>' : '<'} ${$(q.cursor)}`);
  const rows = await ctx.db.query<{ id: string }>(
    `SELECT id, order_id, channel, provider, to_address AS to, template, lang, subject, body, status, provider_message_id,
            attempts, last_error, created_at, sent_at, delivered_at, read_at, failed_at
       FROM messages WHERE ${where.join(' AND ')} ORDER BY id ${asc ? 'ASC' : 'DESC'} LIMIT ${$(q.limit + 1)}`,
    params,
  );
  const more = rows.length > q.limit;
  const data = more ? rows.slice(0, q.limit) : rows;
  return { data, next_cursor: more ? data.at(-1)!.id : null };
}
