import type { Ctx } from '../../platform/context.ts';
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

/** The delivery areas of an address key (`country|city|district|…`), narrowest first. */
export function areasOf(addressKey: string | null): { level: 'district' | 'city'; area: string }[] {
  if (!addressKey) return [];
  const [country, city, district] = addressKey.split('|');
  const out: { level: 'district' | 'city'; area: string }[] = [];
  if (district) out.push({ level: 'district', area: `${country}|${city}|${district}` });
  if (city) out.push({ level: 'city', area: `${country}|${city}` });
  return out;
}

/**
 * The store's usual order and the settled parcels of the order's areas, in one statement on
 * two primary keys. Area names are the ones the order itself gives, for the reason to read well.
 */
export async function riskReference(
  ctx: Ctx,
  addressKey: string | null,
  names: { district?: string | null; city?: string | null },
): Promise<{ baseline: Baseline | null; areas: AreaRate[] }> {
  const wanted = areasOf(addressKey);
  const rows = await ctx.db.query<{ kind: string; level: string | null; a: number; b: number; c: number }>(
    `SELECT 'baseline' AS kind, NULL AS level, total_p95_minor::float8 AS a, quantity_p95 AS b, orders_counted AS c
       FROM risk_baselines WHERE store_id = $1
     UNION ALL
     SELECT 'area', level, settled, refused, 0 FROM risk_area_stats
      WHERE store_id = $1 AND (level, area) IN (SELECT * FROM unnest($2::text[], $3::text[]))`,
    [ctx.store.id, wanted.map((w) => w.level), wanted.map((w) => w.area)],
  );
  const b = rows.find((r) => r.kind === 'baseline');
  const baseline = b && b.c >= MIN_BASELINE_ORDERS ? { total_p95_minor: Number(b.a), quantity_p95: Number(b.b), orders_counted: Number(b.c) } : null;
  const label = (level: string) =>
    level === 'district' && names.district ? [names.district, names.city].filter(Boolean).join(', ') : (names.city ?? '');
  const areas = wanted
    .map((w) => rows.find((r) => r.kind === 'area' && r.level === w.level))
    .filter((r): r is NonNullable<typeof r> => !!r)
    .map((r) => ({ name: label(r.level!), settled: Number(r.a), refused: Number(r.b) }));
  return { baseline, areas };
}
