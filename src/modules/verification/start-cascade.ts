import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { toMinor } from '../../platform/money.ts';
import { getOrder } from '../orders/index.ts';
import { verificationSettings } from '../stores/index.ts';
import type { StepTimer } from './run-steps.ts';

/**
 * A new order that needs confirming gets its cascade: the row, and the timer of the first step
 * (by default one minute after the order was placed). Orders paid online or auto-confirmed
 * never get one. Safe to run twice for one order.
 */
export async function startCascade(ctx: Ctx, orderId: string): Promise<StepTimer | null> {
  const order = await getOrder(ctx, orderId);
  if (order.verification.status !== 'pending' || !['pending', 'on_hold'].includes(order.status)) return null;
  const first = verificationSettings(ctx.store).steps[0];
  const at = new Date(new Date(order.placed_at).getTime() + (first?.after_seconds ?? 0) * 1000);
  const [row] = await ctx.db.query(
    `INSERT INTO verifications (store_id, order_id, status, step, round, next_step_at, placed_at, total_minor, created_at, updated_at)
     VALUES ($1, $2, 'pending', -1, 1, $3, $4, $5, $6, $6) ON CONFLICT DO NOTHING RETURNING order_id`,
    [ctx.store.id, orderId, at, order.placed_at, toMinor(order.totals.total, order.totals.currency).toString(), ctx.now()],
  );
  if (!row) return null;
  await recordEvent(ctx, 'verification.started', orderId, { first_step_at: at, steps: verificationSettings(ctx.store).steps.map((s) => s.channel) });
  return { order_id: orderId, round: 1, step: 0, at };
}
