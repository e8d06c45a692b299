import type { Ctx } from '../../platform/context.ts';

export const HISTORY_OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;
export type HistoryOutcome = (typeof HISTORY_OUTCOMES)[number];

export interface OutcomeCount {
  n: number;
  /** The newest such order, so a reason can say which one and when. */
  last_number: number;
  last_at: Date;
}

/**
 * How a customer's earlier orders ended, by outcome, with the newest of each: imported history
 * carries its outcome; a live order's is read from where it stands. `delivered` means
 * delivered and paid. One query on the (store, customer) index.
 */
export async function customerHistory(ctx: Ctx, customerId: string): Promise<Partial<Record<HistoryOutcome, OutcomeCount>>> {
  const rows = await ctx.db.query<{ outcome: HistoryOutcome; n: number; last_number: string; last_at: Date }>(
    `SELECT outcome, count(*)::int AS n, (array_agg(number ORDER BY placed_at DESC))[1] AS last_number, max(placed_at) AS last_at
       FROM (SELECT CASE
                      WHEN outcome IS NOT NULL THEN outcome
                      WHEN status IN ('delivered', 'completed') AND payment_status = 'paid' THEN 'delivered'
                      WHEN verification->>'status' = 'ghost' THEN 'ghost'
                      WHEN status = 'cancelled' THEN 'cancelled'
                      WHEN status = 'returned' AND fulfillment_status = 'refused' THEN 'refused'
                      WHEN status = 'returned' THEN 'returned'
                      ELSE 'open' END AS outcome, number, placed_at
               FROM orders WHERE store_id = $1 AND customer_id = $2) h
      GROUP BY outcome`,
    [ctx.store.id, customerId],
  );
  return Object.fromEntries(rows.map((r) => [r.outcome, { n: r.n, last_number: Number(r.last_number), last_at: r.last_at }]));
}
