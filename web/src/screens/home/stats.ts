import type { Translate } from '../../i18n/index.ts';

/** GET /v1/stats (src/modules/analytics/order-stats.ts). */
export interface Stats {
  period: { from: string; to: string; days: number; bucket: 'hour' | 'day'; time_zone: string };
  orders: number;
  /** One per hour (a single day) or per day; `local` is the store's wall time, `start` the instant. */
  series: { start: string; local: string; orders: number; confirmed: number }[];
  confirmation: {
    settled: number;
    confirmed: number;
    auto_confirmed: number;
    ghost: number;
    cancelled: number;
    open: number;
    not_required: number;
    rate: number | null;
    ghost_rate: number | null;
    median_seconds: number | null;
    timed: number;
  };
  call_queue: { waiting: number; due: number };
  by_status: Record<string, number>;
  by_risk: Record<string, number>;
  by_verification: Record<string, number>;
}

/** The periods the selector offers, as the API names them, with their length in days. */
export const PERIODS = [
  ['today', 1],
  ['7d', 7],
  ['30d', 30],
  ['90d', 90],
] as const;
export type PeriodName = (typeof PERIODS)[number][0];
export const isPeriod = (v: string | null): v is PeriodName => PERIODS.some(([p]) => p === v);

/** A length of time in words, at most two units: "45 s", "12 min", "1 h 20 min", "2 days 3 h". */
export function duration(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t.plural('home.seconds', s);
  const m = Math.round(s / 60);
  if (m < 60) return t.plural('home.minutes', m);
  const h = Math.floor(m / 60);
  if (h < 48) return [t.plural('home.hours', h), m % 60 ? t.plural('home.minutes', m % 60) : ''].filter(Boolean).join(' ');
  const d = Math.floor(h / 24);
  return [t.plural('home.days', d), h % 24 ? t.plural('home.hours', h % 24) : ''].filter(Boolean).join(' ');
}

/** A round number at or above `n` for the top of an axis (1, 2, 5 × 10^k), never below 1. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const p = 10 ** Math.floor(Math.log10(n));
  return ([1, 2, 5, 10].find((k) => k * p >= n) ?? 10) * p;
}

export const RISK_LEVELS = ['low', 'medium', 'high', 'blocked'] as const;
/** The orders' flow, first to last: the bars of "orders by status" keep this order. */
export const STATUSES = ['pending', 'on_hold', 'confirmed', 'processing', 'shipped', 'delivered', 'completed', 'cancelled', 'returned'] as const;
