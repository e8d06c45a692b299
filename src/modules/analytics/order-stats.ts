import type { Ctx } from '../../platform/context.ts';
import { ORDER_STATUSES } from '../orders/index.ts';
import { idRange, resolvePeriod, type PeriodQuery } from './period.ts';

const RISK_LEVELS = ['low', 'medium', 'high', 'blocked'] as const;
/** `verification.status` of an order, with `cancelled` (the customer or the merchant ended it). */
const VERIFICATION_STATUSES = ['pending', 'awaiting_customer', 'call_queue', 'confirmed', 'auto_confirmed', 'cancelled', 'ghost', 'not_required'] as const;

interface StatsRow {
  series: { start: string; local: string; orders: number; confirmed: number }[];
  by_status: Record<string, number> | null;
  by_verification: Record<string, number> | null;
  by_risk: Record<string, number> | null;
  median_secs: number | null;
  timed: number;
  queue_waiting: number;
  queue_due: number;
}

/**
 * `GROUPING(status, v, risk, at)` of each grouping set: a bit for every column left out
 * (8 status, 4 v, 2 risk, 1 at), so the rows counted by status alone are 4 + 2 + 1.
 */
const GROUPED_BY = { status: 7, v: 11, risk: 13, at: 14 } as const;

/**
 * One statement over the period's orders. `o` is read once (MATERIALIZED) as one range of
 * ids (ids sort by time: `idRange`) and counted every way the dashboard shows in one pass
 * (GROUPING SETS). The time to confirm of each order the customer or the merchant confirmed is
 * when it was confirmed less its `placed_at`: the customer's yes is on the order itself
 * (`verification.confirmed_at`, written with the `verification.confirmed` event); a merchant's
 * confirmation is read from the order's first `order.confirmed` event (`events_subject`
 * index), so only those orders cost a look into the events. Auto-confirmed orders take no time
 * and are counted apart. Every hour or day of the period has its bucket, empty ones included,
 * in the store's time zone.
 *
 * Analytics owns no orders: it reads the orders, events and confirmation (`verifications`)
 * tables directly, never writing, as a report over them (as the customer profile does); going
 * through each module for every count would make a dashboard of many statements.
 */
const STATS_SQL = `
WITH o AS MATERIALIZED (
  SELECT id, placed_at, status, verification->>'status' AS v, risk->>'level' AS risk,
         (verification->>'confirmed_at')::timestamptz AS confirmed_at
    FROM orders
   WHERE store_id = $1 AND id >= $2 AND id < $3 AND NOT imported
     AND placed_at >= $9::timestamptz AND placed_at < $10::timestamptz
),
counts AS (
  SELECT GROUPING(status, v, risk, at) AS g, status, v, risk, at, count(*)::int AS n,
         count(*) FILTER (WHERE v IN ('confirmed', 'auto_confirmed'))::int AS confirmed
    FROM (SELECT status, v, risk, date_trunc($7::text, placed_at AT TIME ZONE $6::text) AS at FROM o) x
   GROUP BY GROUPING SETS ((status), (v), (risk), (at))
),
timed AS (
  SELECT extract(epoch FROM COALESCE(o.confirmed_at, (
           SELECT min(e.created_at) FROM events e
            WHERE e.store_id = $1 AND e.subject_id = o.id AND e.type IN ('order.confirmed', 'verification.confirmed')
         )) - o.placed_at)::float8 AS secs
    FROM o WHERE o.v = 'confirmed'
),
slots AS (
  SELECT g AS at FROM generate_series(($4::date)::timestamp,
    ($5::date)::timestamp + CASE WHEN $7::text = 'hour' THEN interval '23 hours' ELSE interval '0' END,
    ('1 ' || $7::text)::interval) g
)
SELECT
  (SELECT json_agg(json_build_object(
            'start', to_char((s.at AT TIME ZONE $6::text) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
            'local', to_char(s.at, 'YYYY-MM-DD"T"HH24:MI'),
            'orders', COALESCE(c.n, 0), 'confirmed', COALESCE(c.confirmed, 0)) ORDER BY s.at)
     FROM slots s LEFT JOIN counts c ON c.g = ${GROUPED_BY.at} AND c.at = s.at) AS series,
  (SELECT json_object_agg(status, n) FROM counts WHERE g = ${GROUPED_BY.status}) AS by_status,
  (SELECT json_object_agg(COALESCE(v, 'unknown'), n) FROM counts WHERE g = ${GROUPED_BY.v}) AS by_verification,
  (SELECT json_object_agg(COALESCE(risk, 'unknown'), n) FROM counts WHERE g = ${GROUPED_BY.risk}) AS by_risk,
  (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY secs) FROM timed WHERE secs >= 0) AS median_secs,
  (SELECT count(*)::int FROM timed WHERE secs >= 0) AS timed,
  (SELECT count(*)::int FROM verifications WHERE store_id = $1 AND status = 'call_queue') AS queue_waiting,
  (SELECT count(*)::int FROM verifications WHERE store_id = $1 AND status = 'call_queue'
      AND (call_back_at IS NULL OR call_back_at <= $8::timestamptz)) AS queue_due`;

/** Every known key with its count (0 when none), then any other the data holds. */
function counts(keys: readonly string[], found: Record<string, number> | null): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
  for (const [k, n] of Object.entries(found ?? {})) out[k] = (out[k] ?? 0) + n;
  return out;
}

const ratio = (part: number, whole: number) => (whole ? Math.round((1000 * part) / whole) / 1000 : null);

/**
 * The store's orders over a period, as the home dashboard shows them: orders placed per hour
 * (one day) or per day, how many of those whose confirmation is settled were confirmed (by the
 * customer, the merchant or automatically) and how many were ghosts, the median time to
 * confirm, the orders waiting for a call now, and orders by risk level and by status. Imported
 * history is left out: it was not placed here and has no confirmation to measure.
 */
export async function orderStats(ctx: Ctx, q: PeriodQuery) {
  const now = ctx.now();
  const zone = ctx.store.timezone;
  const period = resolvePeriod(q, zone, now);
  const [lo, hi] = idRange('ord', period.start, period.end);
  const [row] = await ctx.db.query<StatsRow>(STATS_SQL, [
    ctx.store.id, lo, hi, period.from, period.to, zone, period.bucket, now.toISOString(), new Date(period.start).toISOString(), new Date(period.end).toISOString(),
  ]);
  const byVerification = counts(VERIFICATION_STATUSES, row.by_verification);
  const byStatus = counts(ORDER_STATUSES, row.by_status);
  const orders = Object.values(byStatus).reduce((a, b) => a + b, 0);
  const confirmed = byVerification.confirmed + byVerification.auto_confirmed;
  const settled = confirmed + byVerification.cancelled + byVerification.ghost;
  return {
    period: { from: period.from, to: period.to, days: period.days, bucket: period.bucket, time_zone: zone },
    orders,
    series: row.series ?? [],
    confirmation: {
      settled,
      confirmed,
      auto_confirmed: byVerification.auto_confirmed,
      ghost: byVerification.ghost,
      cancelled: byVerification.cancelled,
      open: byVerification.pending + byVerification.awaiting_customer + byVerification.call_queue,
      not_required: byVerification.not_required,
      rate: ratio(confirmed, settled),
      ghost_rate: ratio(byVerification.ghost, settled),
      median_seconds: row.median_secs === null ? null : Math.round(Number(row.median_secs)),
      timed: row.timed,
    },
    call_queue: { waiting: row.queue_waiting, due: row.queue_due },
    by_status: byStatus,
    by_risk: counts(RISK_LEVELS, row.by_risk),
    by_verification: byVerification,
    generated_at: now,
  };
}
