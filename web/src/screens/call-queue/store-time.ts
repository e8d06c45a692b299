import { toLatinDigits } from '../../digits.ts';

/*
 * A call-back is agreed in the store's time ("call me at six"), wherever the agent sits: these
 * turn a day and a time on the store's clock into an instant, and back.
 */

export interface WallTime {
  /** YYYY-MM-DD */
  day: string;
  hour: number;
  minute: number;
}

const partsFormat = new Map<string, Intl.DateTimeFormat>();
function formatFor(timeZone: string) {
  let f = partsFormat.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    }
    partsFormat.set(timeZone, f);
  }
  return f;
}

/** What the store's clock shows at `when`. */
export function wallTimeOf(when: Date, timeZone: string): WallTime {
  const p = Object.fromEntries(formatFor(timeZone).formatToParts(when).map((x) => [x.type, x.value]));
  return { day: `${p.year}-${p.month}-${p.day}`, hour: Number(p.hour) % 24, minute: Number(p.minute) };
}

const asUtc = (w: WallTime) => {
  const [y, m, d] = w.day.split('-').map(Number);
  return Date.UTC(y, m - 1, d, w.hour, w.minute);
};

/** The instant the store's clock shows `w` (the zone's offset at that moment, summer time included). */
export function instantOf(w: WallTime, timeZone: string): Date {
  const guess = asUtc(w);
  const offset = (at: number) => asUtc(wallTimeOf(new Date(at), timeZone)) - at;
  let at = guess - offset(guess);
  const again = offset(at);
  if (guess - again !== at) at = guess - again;
  return new Date(at);
}

/** The day `n` days after `day` (YYYY-MM-DD). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * A time as people type it: "18:30", "18.30", "1830", "18", "6:30 pm", "٦:٣٠ م" (Arabic-Indic
 * digits and ص/م for morning and evening). Null when it is not a time.
 */
export function parseTime(raw: string): { hour: number; minute: number } | null {
  const s = toLatinDigits(raw).trim().toLowerCase().replace(/\s+/g, ' ');
  const m = /^(\d{1,2})(?:\s?[:.٫،,]\s?(\d{2})|(\d{2}))?\s?(am|pm|a\.m\.|p\.m\.|ص|م|صباحًا|صباحا|مساءً|مساء|مساءا)?$/.exec(s);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2] ?? m[3] ?? 0);
  const half = m[4];
  if (minute > 59) return null;
  if (half) {
    if (hour < 1 || hour > 12) return null;
    const evening = half.startsWith('p') || half.startsWith('م');
    hour = (hour % 12) + (evening ? 12 : 0);
  }
  if (hour > 23) return null;
  return { hour, minute };
}

export const pad2 = (n: number) => String(n).padStart(2, '0');
