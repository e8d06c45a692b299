import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import type { OrderView } from '../orders/index.ts';
import { recordVerification } from '../orders/index.ts';
import type { CascadeRow } from './cascade-row.ts';
import { isOpen } from './states.ts';

/**
 * The order was settled outside the cascade (the merchant confirmed or cancelled it, it was
 * paid online, it shipped): the cascade ends, so no further message goes out and the order
 * leaves the call queue. Returns true when it closed the cascade.
 */
export async function closeFromOrder(ctx: Ctx, row: CascadeRow, order: OrderView): Promise<boolean> {
  if (!isOpen(row.status)) return false;
  const v = String(order.verification.status);
  const settled = ['confirmed', 'auto_confirmed', 'not_required'].includes(v) || !['pending', 'on_hold'].includes(order.status);
  if (!settled) return false;
  const to = v === 'ghost' ? 'ghost' : order.status === 'cancelled' ? 'cancelled' : 'confirmed';
  await ctx.db.query(
    `UPDATE verifications SET status = $3, next_step_at = NULL, claimed_by = NULL, claimed_until = NULL, closed_at = $4,
            confirmed_via = COALESCE(confirmed_via, $5), updated_at = $4 WHERE store_id = $1 AND order_id = $2`,
    [ctx.store.id, row.order_id, to, ctx.now(), to === 'confirmed' ? 'merchant' : null],
  );
  row.status = to;
  if (to === 'cancelled' && v !== 'cancelled') await recordVerification(ctx, row.order_id, { status: 'cancelled', by: 'merchant' });
  await recordEvent(ctx, 'verification.closed', row.order_id, { status: to, order_status: order.status });
  return true;
}

