import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';

export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Statuses only move forward: providers deliver webhooks out of order and more than once, and
 * a late "sent" must not undo "read". A message that reached the phone cannot fail any more.
 */
const RANK: Record<MessageStatus, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 2 };
export function movesForward(from: MessageStatus, to: MessageStatus): boolean {
  if (to === 'failed') return from === 'queued' || from === 'sent';
  if (from === 'failed') return false;
  return RANK[to] > RANK[from];
}

const STAMP: Partial<Record<MessageStatus, string>> = { sent: 'sent_at', delivered: 'delivered_at', read: 'read_at', failed: 'failed_at' };

interface MessageRow {
  id: string;
  order_id: string | null;
  channel: string;
  status: MessageStatus;
  dedupe_key: string | null;
}

/**
 * Record a status for one of our messages, found by the provider's id. Returns false when the
 * id is not ours (logged by the caller) or the status is not news.
 */
export async function applyStatus(
  ctx: Ctx,
  where: { channel: string; providerMessageId: string },
  status: MessageStatus,
  detail: { at?: Date; error?: string } = {},
): Promise<'applied' | 'unknown' | 'stale'> {
  const [m] = await ctx.db.query<MessageRow>(
    `SELECT id, order_id, channel, status, dedupe_key FROM messages
      WHERE store_id = $1 AND channel = $2 AND provider_message_id = $3 FOR UPDATE`,
    [ctx.store.id, where.channel, where.providerMessageId],
  );
  if (!m) return 'unknown';
  if (!movesForward(m.status, status)) return 'stale';
  await setStatus(ctx, m, status, detail);
  return 'applied';
}

/** The one place a message's status changes, with its event on the order's timeline. */
export async function setStatus(ctx: Ctx, m: MessageRow, status: MessageStatus, detail: { at?: Date; error?: string; providerMessageId?: string | null } = {}) {
  const stamp = STAMP[status];
  await ctx.db.query(
    `UPDATE messages SET status = $3, updated_at = $4, sending_since = NULL,
            provider_message_id = COALESCE($5, provider_message_id), last_error = COALESCE($6, last_error)
            ${stamp ? `, ${stamp} = COALESCE(${stamp}, $7)` : ''}
      WHERE store_id = $1 AND id = $2`,
    [ctx.store.id, m.id, status, ctx.now(), detail.providerMessageId ?? null, detail.error ?? null, ...(stamp ? [detail.at ?? ctx.now()] : [])],
  );
  await recordEvent(ctx, `message.${status}`, m.order_id ?? m.id, {
    message_id: m.id, channel: m.channel, dedupe_key: m.dedupe_key, ...(detail.error ? { error: detail.error } : {}),
  });
}
