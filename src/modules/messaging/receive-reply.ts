import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { replyIntent } from './providers/index.ts';

export interface InboundReply {
  channel: 'whatsapp' | 'sms';
  providerMessageId: string;
  from: string;
  contextId: string | null;
  text: string | null;
  payload: string | null;
}

/**
 * A customer's answer, taken once per provider message id (providers redeliver). A reply to
 * one of our messages belongs to that message's order; a bare "yes"/"no" belongs to the orders
 * we last asked this number about, newest first, and confirmation decides which one still waits.
 */
export async function receiveReply(ctx: Ctx, r: InboundReply): Promise<'new' | 'duplicate'> {
  const intent = replyIntent(r.text, r.payload);
  const [fresh] = await ctx.db.query(
    `INSERT INTO inbound_messages (store_id, channel, provider_message_id, from_address, context_id, text, payload, intent, received_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING provider_message_id`,
    [ctx.store.id, r.channel, r.providerMessageId, r.from, r.contextId, r.text, r.payload, intent, ctx.now()],
  );
  if (!fresh) return 'duplicate';

  let inReplyTo: { id: string; order_id: string } | undefined;
  if (r.contextId) {
    [inReplyTo] = await ctx.db.query<{ id: string; order_id: string }>(
      `SELECT id, order_id FROM messages WHERE store_id = $1 AND channel = $2 AND provider_message_id = $3 AND order_id IS NOT NULL`,
      [ctx.store.id, r.channel, r.contextId],
    );
  }
  const candidates = inReplyTo
    ? [inReplyTo.order_id]
    : (
        await ctx.db.query<{ order_id: string }>(
          `SELECT order_id FROM (
             SELECT order_id, max(id) AS last FROM messages
              WHERE store_id = $1 AND to_address = $2 AND order_id IS NOT NULL AND template LIKE 'confirm_%'
                AND channel IN ('sms', 'whatsapp')
              GROUP BY order_id) m ORDER BY last DESC LIMIT 5`,
          [ctx.store.id, r.from],
        )
      ).map((m) => m.order_id);
  if (!candidates.length) {
    ctx.log.info({ from: r.from, providerMessageId: r.providerMessageId }, 'reply from a number we never asked; kept, not applied');
    return 'new';
  }
  await ctx.db.query(`UPDATE inbound_messages SET order_id = $4 WHERE store_id = $1 AND channel = $2 AND provider_message_id = $3`, [
    ctx.store.id, r.channel, r.providerMessageId, candidates[0],
  ]);
  await recordEvent(ctx, 'message.replied', candidates[0], {
    channel: r.channel, intent, text: r.text, payload: r.payload, from: r.from,
    in_reply_to: inReplyTo?.id ?? null, candidate_order_ids: candidates, provider_message_id: r.providerMessageId,
  });
  return 'new';
}
