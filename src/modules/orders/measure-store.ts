import type { Ctx } from '../../platform/context.ts';
import { saveBaselines, type StoreMeasure } from '../risk/index.ts';
import { ORDER_OUTCOME_SQL } from '../customers/index.ts';

/** What is "usual" is read from the orders of this recent period. */
const PERIOD_DAYS = 180;

/**
 * Measure what is usual for the store and how each delivery area's parcels ended, from the
 * last 180 days of orders, and keep it for intake (customer analysis compares each new order
 * with it). Run every hour by the orders worker: a few seconds on millions of orders, which
 * intake could never afford per order.
 */
export async function measureStore(ctx: Ctx): Promise<StoreMeasure> {
  const since = new Date(ctx.now().getTime() - PERIOD_DAYS * 86_400_000);
  const [usual] = await ctx.db.query<{ p95: string | null; q95: number | null; n: number }>(
    `WITH recent AS (SELECT id, total_minor FROM orders WHERE store_id = $1 AND placed_at > $2),
     units AS (SELECT sum(quantity)::int AS u FROM order_lines
                WHERE store_id = $1 AND order_id IN (SELECT id FROM recent) GROUP BY order_id)
     SELECT (SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY total_minor) FROM recent) AS p95,
            (SELECT percentile_disc(0.95) WITHIN GROUP (ORDER BY u) FROM units) AS q95,
            (SELECT count(*)::int FROM recent) AS n`,
    [ctx.store.id, since],
  );
  // A delivery area is the key's country|city|district; its wider region, country|city.
  const areas = await ctx.db.query<{ level: 'district' | 'city'; area: string; settled: number; refused: number }>(
    `WITH settled AS (
       SELECT split_part(address_key, '|', 1) AS country, split_part(address_key, '|', 2) AS city,
              split_part(address_key, '|', 3) AS district, ${ORDER_OUTCOME_SQL} AS outcome
         FROM orders WHERE store_id = $1 AND placed_at > $2 AND address_key IS NOT NULL)
     SELECT v.level, v.area, count(*)::int AS settled, count(*) FILTER (WHERE outcome = 'refused')::int AS refused
       FROM settled, LATERAL (VALUES ('district', country || '|' || city || '|' || district), ('city', country || '|' || city)) AS v(level, area)
      WHERE outcome IN ('delivered', 'refused', 'returned') AND (v.level = 'city' OR district <> '')
      GROUP BY v.level, v.area`,
    [ctx.store.id, since],
  );
  const measure: StoreMeasure = { total_p95_minor: Number(usual.p95 ?? 0), quantity_p95: usual.q95 ?? 0, orders_counted: usual.n, areas };
  await saveBaselines(ctx, measure);
  return measure;
}
