import type { Ctx } from '../../platform/context.ts';
import type { Placeholder, SqlPart } from '../../platform/sql-parts.ts';
import type { AreaRate } from './signals.ts';

export interface Baseline {
  total_p95_minor: number;
  quantity_p95: number;
  orders_counted: number;
}

export interface StoreMeasure extends Baseline {
  areas: { level: 'district' | 'city'; area: string; settled: number; refused: number }[];
}

/** Below this many recent orders a store has no "usual" to compare an order with. */
export const MIN_BASELINE_ORDERS = 50;

/**
 * Keep what is usual for the store, replacing the last measure in one transaction's worth of
 * statements (the caller's): the 95th percentiles and every delivery area's settled parcels.
 */
export async function saveBaselines(ctx: Ctx, m: StoreMeasure): Promise<void> {
  const now = ctx.now();
  await ctx.db.query(
    `INSERT INTO risk_baselines (store_id, total_p95_minor, quantity_p95, orders_counted, computed_at)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (store_id) DO UPDATE SET total_p95_minor = $2, quantity_p95 = $3, orders_counted = $4, computed_at = $5`,
    [ctx.store.id, m.total_p95_minor, m.quantity_p95, m.orders_counted, now],
  );
  await ctx.db.query(`DELETE FROM risk_area_stats WHERE store_id = $1`, [ctx.store.id]);
  await ctx.db.query(
    `INSERT INTO risk_area_stats (store_id, level, area, settled, refused, computed_at)
     SELECT $1, l, a, s, r, $6 FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS t(l, a, s, r)`,
    [ctx.store.id, m.areas.map((a) => a.level), m.areas.map((a) => a.area), m.areas.map((a) => a.settled), m.areas.map((a) => a.refused), now],
  );
}

/** Whether the store was measured since `since` (another process may have done this hour's). */
export async function measuredSince(ctx: Ctx, since: Date): Promise<boolean> {
  const rows = await ctx.db.query(`SELECT 1 FROM risk_baselines WHERE store_id = $1 AND computed_at > $2`, [ctx.store.id, since]);
  return rows.length > 0;
}

/** The delivery areas of an address key (`country|city|district|…`), narrowest first. */
export function areasOf(addressKey: string | null): { level: 'district' | 'city'; area: string }[] {
  if (!addressKey) return [];
  const [country, city, district] = addressKey.split('|');
  const out: { level: 'district' | 'city'; area: string }[] = [];
  if (district) out.push({ level: 'district', area: `${country}|${city}|${district}` });
  if (city) out.push({ level: 'city', area: `${country}|${city}` });
  return out;
}

type AreaNames = { district?: string | null; city?: string | null };
type Reference = { baseline: Baseline | null; areas: AreaRate[] };

/**
 * The store's usual order and the settled parcels of the order's areas, on two primary keys,
 * as a part of intake's one analysis statement. Area names are the ones the order itself
 * gives, for the reason to read well.
 */
export function referencePart(ctx: Ctx, $: Placeholder, addressKey: string | null, names: AreaNames): SqlPart<Reference> {
  const wanted = areasOf(addressKey);
  const store = $(ctx.store.id);
  const sql = `SELECT json_build_object(
      'baseline', (SELECT json_build_object('total_p95_minor', total_p95_minor, 'quantity_p95', quantity_p95, 'orders_counted', orders_counted)
                     FROM risk_baselines WHERE store_id = ${store}),
      'areas', (SELECT json_agg(json_build_object('level', level, 'settled', settled, 'refused', refused)) FROM risk_area_stats
                 WHERE store_id = ${store} AND (level, area) IN (SELECT * FROM unnest(${$(wanted.map((w) => w.level))}::text[], ${$(wanted.map((w) => w.area))}::text[]))))`;
  return {
    sql,
    read(value) {
      const v = value as { baseline: Baseline | null; areas: { level: string; settled: number; refused: number }[] | null };
      const b = v.baseline;
      const baseline = b && b.orders_counted >= MIN_BASELINE_ORDERS
        ? { total_p95_minor: Number(b.total_p95_minor), quantity_p95: Number(b.quantity_p95), orders_counted: Number(b.orders_counted) } : null;
      const label = (level: string) =>
        level === 'district' && names.district ? [names.district, names.city].filter(Boolean).join(', ') : (names.city ?? '');
      const areas = wanted
        .map((w) => (v.areas ?? []).find((r) => r.level === w.level))
        .filter((r): r is NonNullable<typeof r> => !!r)
        .map((r) => ({ name: label(r.level), settled: Number(r.settled), refused: Number(r.refused) }));
      return { baseline, areas };
    },
  };
}
