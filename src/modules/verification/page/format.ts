import type { Lang } from './types.ts';

/**
 * Arabic: Gregorian calendar with Western digits ("الثلاثاء، 24 نوفمبر", "9:00 ص"). Delivery
 * apps, couriers' messages and phones in Saudi Arabia show dates this way, Egyptians read it the
 * same, and the digits match the order number and phone. Plain "ar-SA" gives Hijri dates or
 * Arabic-Indic digits depending on the engine's ICU, so both are pinned.
 * English: en-GB for day-before-month, with a 12-hour clock as Gulf buyers use it.
 */
export function intlLocale(lang: Lang): string {
  return lang === 'ar' ? 'ar-SA-u-ca-gregory-nu-latn' : 'en-GB';
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})$/;

/**
 * "2026-11-24" → "الثلاثاء، 24 نوفمبر" / "Tuesday 24 November". The string is already the store's
 * local date, so it is formatted at noon UTC in UTC: no zone can shift it to another day.
 */
export function formatDay(date: string, lang: Lang): string {
  const m = DATE_RE.exec(date);
  if (!m) return date;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12));
  if (Number.isNaN(d.getTime())) return date;
  return new Intl.DateTimeFormat(intlLocale(lang), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(d);
}

/** "13:00" → "1:00 م" / "1:00 pm"; a store-local wall-clock time, so no zone applies. */
export function formatTime(time: string, lang: Lang): string {
  const m = TIME_RE.exec(time);
  if (!m) return time;
  const d = new Date(Date.UTC(2000, 0, 1, Number(m[1]), Number(m[2])));
  return new Intl.DateTimeFormat(intlLocale(lang), { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: 'UTC' }).format(d);
}

/** When the order was placed, in the store's zone (a bad zone name falls back to UTC, not an error page). */
export function formatPlacedAt(at: Date, timezone: string, lang: Lang): string {
  const opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hourCycle: 'h12' };
  try {
    return new Intl.DateTimeFormat(intlLocale(lang), { ...opts, timeZone: timezone }).format(at);
  } catch {
    return new Intl.DateTimeFormat(intlLocale(lang), { ...opts, timeZone: 'UTC' }).format(at);
  }
}

const AMOUNT_RE = /^-?\d+(\.\d+)?$/;

export function isZero(amount: string): boolean {
  return AMOUNT_RE.test(amount.trim()) && Number(amount) === 0;
}

/**
 * "349.00" + "SAR" → "349.00 ر.س." / "SAR 349.00". The store's amounts are decimal strings; an
 * amount that is not one (already formatted upstream) is shown as given.
 */
export function formatMoney(amount: string, currency: string, lang: Lang, negate = false): string {
  const a = amount.trim();
  if (!AMOUNT_RE.test(a)) return a;
  let n = Number(a);
  if (negate) n = -Math.abs(n);
  if (n === 0) n = 0; // never "-0.00"
  try {
    return new Intl.NumberFormat(intlLocale(lang), { style: 'currency', currency }).format(n);
  } catch {
    return `${a} ${currency}`;
  }
}

/** "SA" → "المملكة العربية السعودية" / "Saudi Arabia"; anything that is not a region code as given. */
export function countryName(code: string, lang: Lang): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return new Intl.DisplayNames([intlLocale(lang)], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
