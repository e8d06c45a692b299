import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';

export interface CustomerRow {
  id: string;
  name: string;
  phone: string | null;
  phone_e164: string | null;
  phone_type: string | null;
  email: string | null;
  email_canonical: string | null;
  order_count: number;
  created_at: Date;
  updated_at: Date;
}

export async function getCustomer(ctx: Ctx, id: string) {
  const [row] = await ctx.db.query<CustomerRow>(
    `SELECT id, name, phone, phone_e164, phone_type, email, email_canonical, order_count, created_at, updated_at
       FROM customers WHERE store_id = $1 AND id = $2`,
    [ctx.store.id, id],
  );
  if (!row) throw notFound('Customer');
  const identities = await ctx.db.query<{ kind: string; value: string }>(
    `SELECT kind, value FROM customer_identities WHERE store_id = $1 AND customer_id = $2 ORDER BY kind, value`,
    [ctx.store.id, id],
  );
  const counts = await ordersByOutcome(ctx, id);
  return {
    ...row,
    orders_by_outcome: counts,
    identities: {
      phones: identities.filter((i) => i.kind === 'phone').map((i) => i.value),
      emails: identities.filter((i) => i.kind === 'email').map((i) => i.value),
    },
  };
}

const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled', 'open'] as const;

/**
 * How this customer's orders ended. Imported history carries its outcome; a live order's
 * outcome is read from where it stands (an order still on its way is `open`).
 */
async function ordersByOutcome(ctx: Ctx, customerId: string): Promise<Record<(typeof OUTCOMES)[number], number>> {
  const rows = await ctx.db.query<{ outcome: string; n: number }>(
    `SELECT CASE
              WHEN outcome IS NOT NULL THEN outcome
              WHEN status IN ('delivered', 'completed') THEN 'delivered'
              WHEN verification->>'status' = 'ghost' THEN 'ghost'
              WHEN status = 'cancelled' THEN 'cancelled'
              WHEN status = 'returned' AND fulfillment_status = 'refused' THEN 'refused'
              WHEN status = 'returned' THEN 'returned'
              ELSE 'open' END AS outcome, count(*)::int AS n
       FROM orders WHERE store_id = $1 AND customer_id = $2 GROUP BY 1`,
    [ctx.store.id, customerId],
  );
  const counts = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<(typeof OUTCOMES)[number], number>;
  for (const r of rows) if (r.outcome in counts) counts[r.outcome as (typeof OUTCOMES)[number]] += r.n;
  return counts;
}
