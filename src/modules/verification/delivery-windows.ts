import type { StoreInfo } from '../../platform/context.ts';
import { deliverySettings } from '../stores/index.ts';

export interface WindowChoice {
  value: string;
  date: string;
  from: string;
  to: string;
}

/** The calendar date (YYYY-MM-DD) and weekday (0 = Sunday) of an instant in the store's time zone. */
function localDay(at: Date, timeZone: string): { date: string; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const weekday = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, weekday };
}

/**
 * The delivery windows a customer may choose: the store's slots on each of the next
 * `days_ahead` open days, starting tomorrow in the store's time zone (today's parcels have
 * already been handed to the courier).
 */
export function deliveryWindows(store: StoreInfo, now: Date): WindowChoice[] {
  const s = deliverySettings(store);
  const out: WindowChoice[] = [];
  for (let d = 1, days = 0; days < s.days_ahead && d <= s.days_ahead + 7; d++) {
    const { date, weekday } = localDay(new Date(now.getTime() + d * 86_400_000), store.timezone);
    if (s.closed_weekdays.includes(weekday)) continue;
    days++;
    for (const slot of s.slots) out.push({ value: `${date}|${slot.from}|${slot.to}`, date, from: slot.from, to: slot.to });
  }
  return out;
}
