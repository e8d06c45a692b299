import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { conflict } from '../../platform/errors.ts';
import { releaseStock, reservationsOf, reserveStock } from '../inventory/index.ts';
import { getOrder, loadLines, loadOrderRow, type OrderRow } from './order-view.ts';
import { assertTransition, type OrderStatus } from './states.ts';

/**
 * The status changes a person or a later step asks for. Each locks the order row, checks the
 * transition table, does what the new status needs (stock back on cancel, stock taken again
 * when a hold for stock is released) and records the event, all in the caller's transaction.
 */

async function move(ctx: Ctx, order: OrderRow, to: OrderStatus, extra: { verification?: Record<string, unknown>; holdReasons?: unknown[] } = {}) {
  assertTransition(order.status as OrderStatus, to);
  await ctx.db.query(
    `UPDATE orders SET status = $3, verification = COALESCE($4, verification), hold_reasons = COALESCE($5, hold_reasons),
       outcome = $7, updated_at = $6 WHERE store_id = $1 AND id = $2`,
    [ctx.store.id, order.id, to, extra.verification ? JSON.stringify(extra.verification) : null,
      extra.holdReasons ? JSON.stringify(extra.holdReasons) : null, ctx.now(), outcomeAt(order, to, extra.verification ?? order.verification)],
  );
}

/**
 * How the order ended once it reaches a final state, written on the order so customer
 * analysis reads a person's history from one covering index (`orders_store_customer`) instead
 * of every order's row. Null while it is still open.
 */
function outcomeAt(order: OrderRow, to: OrderStatus, verification: Record<string, unknown>): string | null {
  if (to === 'cancelled') return verification.status === 'ghost' ? 'ghost' : 'cancelled';
  if (to === 'returned') return order.fulfillment_status === 'refused' ? 'refused' : 'returned';
  if ((to === 'delivered' || to === 'completed') && order.payment_status === 'paid') return 'delivered';
  return null;
}

/** An order held for stock takes its stock again before it may go on; refused if it still is not there. */
async function ensureStock(ctx: Ctx, order: OrderRow) {
  const held = await reservationsOf(ctx, order.id);
  if (held.some((r) => r.status === 'active')) return;
  const lines = (await loadLines(ctx, [order.id])).get(order.id) ?? [];
  const short = await reserveStock(ctx, order.id, lines);
  if (short.length) {
    throw conflict('out_of_stock', `Not enough stock for ${short.map((s) => s.sku).join(', ')}`, short.map((s) => ({
      path: 'lines', message: `${s.sku}: ${s.requested} needed, ${s.available} available`, ...s,
    })));
  }
  await recordEvent(ctx, 'stock.reserved', order.id, { lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
}

const RISK_HOLDS = new Set(['risk_review', 'prepayment_required', 'blocked']);

/** `verification` says how the customer confirmed (link, WhatsApp reply, call) when they did. */
export async function confirmOrder(ctx: Ctx, id: string, note?: string, opts: { verification?: Record<string, unknown> } = {}) {
  const order = await loadOrderRow(ctx, id, { forUpdate: true });
  if (order.status === 'confirmed') return getOrder(ctx, id); // confirming twice is harmless
  assertTransition(order.status as OrderStatus, 'confirmed');
  await ensureStock(ctx, order);
  const settled = ['not_required', 'auto_confirmed'].includes(String(order.verification.status));
  const verification = settled ? order.verification : { ...order.verification, status: 'confirmed', ...opts.verification };
  await move(ctx, order, 'confirmed', { verification, holdReasons: [] });
  await recordEvent(ctx, 'order.confirmed', id, { from: order.status, note: note ?? null, ...(opts.verification ? { via: opts.verification.via ?? null } : {}) });
  return getOrder(ctx, id);
}

/**
 * The confirmation cascade's own record on the order (`verification` in the order view):
 * merged into what is there, without touching the order's status.
 */
export async function recordVerification(ctx: Ctx, id: string, verification: Record<string, unknown>) {
  await recordVerifications(ctx, [{ id, verification }]);
}

export async function recordVerifications(ctx: Ctx, changes: { id: string; verification: Record<string, unknown> }[]) {
  if (!changes.length) return;
  await ctx.db.query(
    `UPDATE orders o SET verification = o.verification || c.v::jsonb, updated_at = $2
       FROM unnest($3::text[], $4::text[]) AS c(id, v) WHERE o.store_id = $1 AND o.id = c.id`,
    [ctx.store.id, ctx.now(), changes.map((c) => c.id), changes.map((c) => JSON.stringify(c.verification))],
  );
}

/** `verification` marks how the cascade ended it (`ghost`, or cancelled by the customer). */
export async function cancelOrder(ctx: Ctx, id: string, reason: string, opts: { verification?: Record<string, unknown> } = {}) {
  const order = await loadOrderRow(ctx, id, { forUpdate: true });
  if (order.status === 'cancelled') return getOrder(ctx, id);
  // A confirmation still under way ends with the order.
  const open = ['pending', 'awaiting_customer', 'call_queue'].includes(String(order.verification.status));
  const verification = opts.verification ?? (open ? { status: 'cancelled', by: ctx.actor.type } : null);
  await move(ctx, order, 'cancelled', verification ? { verification: { ...order.verification, ...verification } } : {});
  await recordEvent(ctx, 'order.cancelled', id, { from: order.status, reason, ...(opts.verification ? { verification: opts.verification.status } : {}) });
  const released = await releaseStock(ctx, id);
  if (released.length) await recordEvent(ctx, 'stock.released', id, { lines: released });
  return getOrder(ctx, id);
}

/** `code` says who asked: a person (`manual`), or customer analysis re-run on new history (`risk_review`). */
export async function holdOrder(ctx: Ctx, id: string, reason: string, code = 'manual') {
  const order = await loadOrderRow(ctx, id, { forUpdate: true });
  const reasons = [...order.hold_reasons, { code, message: reason }];
  if (order.status === 'on_hold') {
    await ctx.db.query(`UPDATE orders SET hold_reasons = $3, updated_at = $4 WHERE store_id = $1 AND id = $2`, [
      ctx.store.id, id, JSON.stringify(reasons), ctx.now(),
    ]);
  } else await move(ctx, order, 'on_hold', { holdReasons: reasons });
  await recordEvent(ctx, 'order.held', id, { reasons: [{ code, message: reason }] });
  return getOrder(ctx, id);
}

/**
 * A person resolved what held the order: it goes back to awaiting confirmation, or to
 * confirmed when the customer already confirmed or it needs no confirmation (paid online).
 */
export async function releaseOrder(ctx: Ctx, id: string, note?: string) {
  const order = await loadOrderRow(ctx, id, { forUpdate: true });
  if (order.status !== 'on_hold') assertTransition(order.status as OrderStatus, 'pending');
  // Back to where it stood: a customer who already confirmed (or who paid) is not asked again.
  const settled = ['confirmed', 'auto_confirmed', 'not_required'].includes(String(order.verification.status));
  const to: OrderStatus = settled ? 'confirmed' : 'pending';
  await ensureStock(ctx, order);
  await move(ctx, order, to, { holdReasons: [] });
  // A person going against customer analysis is named on the timeline (the event's actor) as
  // overriding its recommendation.
  const overridden = (order.hold_reasons as { code?: string }[]).some((h) => RISK_HOLDS.has(String(h.code)));
  await recordEvent(ctx, 'order.released', id, {
    to, note: note ?? null, resolved: order.hold_reasons,
    ...(overridden ? { risk_override: { recommendation: order.risk.recommendation ?? null, level: order.risk.level ?? null } } : {}),
  });
  return getOrder(ctx, id);
}
