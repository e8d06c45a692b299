import { encodeTime } from 'ulid';
import { z } from 'zod';
import { unprocessable } from '../../platform/errors.ts';

/** The shortcuts a person picks on the dashboard: today, or the last N days including today. */
export const PERIODS = { today: 1, '7d': 7, '30d': 30, '90d': 90 } as const;
export type PeriodName = keyof typeof PERIODS;

/** A report covers at most a year (a leap year's 366 days), so one request stays one cheap scan. */
export const MAX_DAYS = 366;

/** YYYY-MM-DD naming a real day (not 2025-02-30), from 1970 (nothing was placed earlier) to 9998. */
function isDay(d: string): boolean {
  if (!/^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}$/.test(d) || d >= '9999') return false;
  const t = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
}
const day = z.string().refine(isDay, 'must be a calendar date YYYY-MM-DD (1970 to 9998)');

export const periodQuery = z.object({
  period: z.enum(Object.keys(PERIODS) as [PeriodName, ...PeriodName[]]).optional(),
  /** First and last day of the period (both included), in the store's time zone. */
  from: day.optional(),
  to: day.optional(),
});
export type PeriodQuery = z.infer<typeof periodQuery>;

export interface Period {
  from: string;
  to: string;
  days: number;
  /** One day is shown by the hour, longer periods by the day. */
  bucket: 'hour' | 'day';
  /** The instants the first day starts and the day after the last starts, in the time zone (ms). */
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** The calendar day it is at `now` in the time zone. */
export function dayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * The days asked for: `period` counts back from today in the store's time zone; `from`/`to`
 * name them (only `from`: up to today; only `to`: that one day). Refused with the field:
 * both forms at once, `from` after `to`, more than 366 days.
 */
export function resolvePeriod(q: PeriodQuery, timeZone: string, now: Date): Period {
  const today = dayIn(timeZone, now);
  let from: string;
  let to: string;
  if (q.period) {
    if (q.from || q.to) {
      throw unprocessable('Give either period or from/to, not both', [{ path: `querystring.${q.from ? 'from' : 'to'}`, message: 'cannot be combined with period' }]);
    }
    to = today;
    from = addDays(today, 1 - PERIODS[q.period]);
  } else {
    to = q.to ?? today;
    from = q.from ?? (q.to ? q.to : today);
  }
  if (from > to) throw unprocessable('from is after to', [{ path: 'querystring.from', message: `is after to (${to})` }]);
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
  if (days > MAX_DAYS) {
    throw unprocessable(`A period is at most ${MAX_DAYS} days`, [{ path: 'querystring.to', message: `is ${days} days after from; at most ${MAX_DAYS} days`, days, max: MAX_DAYS }]);
  }
  return { from, to, days, bucket: days === 1 ? 'hour' : 'day', start: startOfDay(from, timeZone), end: startOfDay(addDays(to, 1), timeZone) };
}

/** Milliseconds the zone is ahead of UTC at `at`. */
function offsetAt(timeZone: string, at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return local - Math.floor(at / 1000) * 1000;
}

/** The instant a calendar day starts in the time zone (midnight; a DST jump at midnight moves it on). */
export function startOfDay(day: string, timeZone: string): number {
  const utc = Date.parse(`${day}T00:00:00Z`);
  const guess = utc - offsetAt(timeZone, utc);
  return utc - offsetAt(timeZone, guess);
}

/** Ids carry their creation time; this much slack covers a clock step between id and placed_at. */
const ID_SLACK_MS = 3_600_000;
/** The first and last 48 bits of time a ULID can hold. */
const TIME_MAX = 2 ** 48 - 1;

/**
 * Bounds on `orders.id` for orders placed in [start, end): a live order's id is made the moment
 * it is placed, and ids sort by time, so the store's `(store_id, id)` index reads the period as
 * one range instead of the whole table. `placed_at` still decides exactly, inside the range.
 */
export function idRange(prefix: string, start: number, end: number): [string, string] {
  const at = (ms: number) => `${prefix}_${encodeTime(Math.min(Math.max(ms, 0), TIME_MAX), 10).toLowerCase()}`;
  return [at(start - ID_SLACK_MS), at(end + ID_SLACK_MS)];
}
