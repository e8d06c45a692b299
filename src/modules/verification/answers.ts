import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { cancelOrder, changeCustomerPhone, confirmOrder, getOrder, recordVerification } from '../orders/index.ts';
import { verificationSettings } from '../stores/index.ts';
import { lockRow, moveCascade, type CascadeRow } from './cascade-row.ts';
import { closeFromOrder } from './close-cascade.ts';
import { expireConfirmLinks } from './links.ts';
import { isOpen } from './states.ts';
import { conflict, notFound } from '../../platform/errors.ts';

/** How the customer answered: by their link (SMS or WhatsApp), a WhatsApp reply, or to an agent on the phone. */
export type Via = 'sms_link' | 'whatsapp_link' | 'whatsapp_reply' | 'call';

async function openRow(ctx: Ctx, orderId: string): Promise<CascadeRow> {
  const row = await lockRow(ctx, orderId);
  if (!row) throw notFound(`Confirmation of order ${orderId}`);
  const order = await getOrder(ctx, orderId);
  if (await closeFromOrder(ctx, row, order)) return row;
  return row;
}

/**
 * The customer said yes. The order is confirmed; one held for another reason (stock, review)
 * stays held, with the customer's yes kept, so releasing it confirms it without asking again.
 */
export async function confirmByCustomer(ctx: Ctx, orderId: string, via: Via, note?: string): Promise<'confirmed' | 'already'> {
  const row = await openRow(ctx, orderId);
  if (!isOpen(row.status)) return 'already';
  const order = await getOrder(ctx, orderId);
  const summary = { status: 'confirmed', via, confirmed_at: ctx.now(), phone_verified: via !== 'call' || undefined };
  await moveCascade(ctx, row, 'confirmed', { confirmed_via: via, next_step_at: null, claimed_by: null, claimed_until: null, closed_at: ctx.now() }, summary);
  if (order.status === 'pending') await confirmOrder(ctx, orderId, note, { verification: summary });
  else await recordVerification(ctx, orderId, summary);
  await recordEvent(ctx, 'verification.confirmed', orderId, { via, round: row.round, order_status: order.status === 'pending' ? 'confirmed' : order.status });
  return 'confirmed';
}

export async function cancelByCustomer(ctx: Ctx, orderId: string, via: Via, reason?: string): Promise<'cancelled' | 'already'> {
  const row = await openRow(ctx, orderId);
  if (!isOpen(row.status)) return 'already';
  await moveCascade(ctx, row, 'cancelled', { next_step_at: null, claimed_by: null, claimed_until: null, closed_at: ctx.now() }, { via });
  await cancelOrder(ctx, orderId, reason?.trim() || `cancelled by the customer (${via})`, { verification: { status: 'cancelled', via } });
  return 'cancelled';
}

/**
 * Nobody answered any channel nor the calls: the order is cancelled as `ghost` (its stock goes
 * back) and its customer counts a ghost order, which puts them in the ghost box.
 */
export async function markGhost(ctx: Ctx, row: CascadeRow, reason: string) {
  await moveCascade(ctx, row, 'ghost', { next_step_at: null, claimed_by: null, claimed_until: null, closed_at: ctx.now() }, { reason });
  await cancelOrder(ctx, row.order_id, `ghost: ${reason}`, { verification: { status: 'ghost', reason } });
  await recordEvent(ctx, 'verification.ghost', row.order_id, { reason, call_attempts: row.call_attempts });
}

/**
 * The customer gave another number (from the email's page): the order takes it and the cascade
 * starts again on it, from the first step; links sent to the old number stop working.
 */
export async function restartWithPhone(ctx: Ctx, orderId: string, phone: string) {
  const row = await openRow(ctx, orderId);
  if (!isOpen(row.status)) throw conflict('verification_closed', `This order's confirmation is already ${row.status}`);
  const order = await changeCustomerPhone(ctx, orderId, phone);
  const first = verificationSettings(ctx.store).steps[0];
  const at = new Date(ctx.now().getTime() + (first?.after_seconds ?? 0) * 1000);
  const round = row.round + 1;
  await ctx.db.query(`UPDATE verifications SET round = $3 WHERE store_id = $1 AND order_id = $2`, [ctx.store.id, orderId, round]);
  row.round = round;
  await moveCascade(ctx, row, 'pending', { step: -1, next_step_at: at, queued_at: null, call_attempts: 0, call_back_at: null, claimed_by: null, claimed_until: null }, { step: 0, next_step_at: at });
  await expireConfirmLinks(ctx, orderId);
  await recordEvent(ctx, 'verification.restarted', orderId, { round, phone: order.customer.phone_e164, next_step_at: at });
}
