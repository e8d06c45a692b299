import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { getCustomer } from '../customers/index.ts';
import { getOrder } from '../orders/index.ts';

export const ghostBoxQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/**
 * The ghost box (seeds/003): customers who ordered and could not be reached by any channel
 * nor by phone. Newest ghost first, with the customer's record (customer analysis uses it).
 */
export async function ghostBox(ctx: Ctx, q: z.infer<typeof ghostBoxQuery>) {
  const rows = await ctx.db.query<{ order_id: string; closed_at: Date }>(
    `SELECT order_id, closed_at FROM verifications WHERE store_id = $1 AND status = 'ghost' ORDER BY closed_at DESC LIMIT $2`,
    [ctx.store.id, q.limit * 4],
  );
  const seen = new Map<string, { customer: unknown; last_ghost_order: unknown; ghost_at: Date }>();
  for (const r of rows) {
    if (seen.size >= q.limit) break;
    const order = await getOrder(ctx, r.order_id);
    if (seen.has(order.customer.id)) continue;
    seen.set(order.customer.id, {
      customer: await getCustomer(ctx, order.customer.id),
      last_ghost_order: { id: order.id, number: order.number, total: order.totals.total, currency: order.totals.currency, reason: order.verification.reason ?? null },
      ghost_at: r.closed_at,
    });
  }
  return { data: [...seen.values()], next_cursor: null };
}
