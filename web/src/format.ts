import { toLatinDigits } from './digits.ts';
import type { Lang } from './i18n/index.ts';

export type Digits = 'latin' | 'arabic';

export interface FormatSettings {
  lang: Lang;
  digits: Digits;
  /** The store's currency: money without its own currency is in this one. */
  currency: string;
  /** The store's time zone: every date and time is shown in it, wherever the user is. */
  timeZone: string;
  /** The store's country (ISO 3166-1), for the locale's conventions (`ar-SA`, `en-EG`). */
  country?: string;
}

export interface Format {
  number(n: number | string): string;
  /** A number that is a name, not a quantity (an order number): no grouping separators. */
  plain(n: number | string): string;
  /** Text with digits in it (a phone number) shown in the user's digits. */
  digits(text: string): string;
  money(amount: string | number, currency?: string): string;
  percent(ratio: number): string;
  date(when: string | Date): string;
  dateTime(when: string | Date): string;
  time(when: string | Date): string;
  /** "3 hours ago", in words and digits of the user's choice. */
  relative(when: string | Date, now?: Date): string;
  /** A calendar day (YYYY-MM-DD) of the store's time zone. */
  dayOf(when: string | Date): string;
  /** A calendar day given as YYYY-MM-DD (a delivery date), in words: no time zone applies. */
  day(isoDay: string): string;
}

function locale(s: FormatSettings): string {
  const tag = s.country ? `${s.lang}-${s.country}` : s.lang;
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return s.lang;
  }
}

/**
 * Formatters for one user's settings, made once and reused (Intl objects are costly to build).
 * Dates are Gregorian in both languages: `ar-SA` would otherwise default to the Hijri calendar,
 * and order dates are compared with couriers' and storefronts' Gregorian ones.
 */
export function makeFormat(s: FormatSettings): Format {
  const loc = locale(s);
  const numberingSystem = s.digits === 'arabic' ? 'arab' : 'latn';
  const timeZone = validZone(s.timeZone);
  const num = new Intl.NumberFormat(loc, { numberingSystem, maximumFractionDigits: 3 });
  const plainF = new Intl.NumberFormat(loc, { numberingSystem, useGrouping: false, maximumFractionDigits: 0 });
  const pct = new Intl.NumberFormat(loc, { numberingSystem, style: 'percent', maximumFractionDigits: 0 });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const moneyFormat = (currency: string) => {
    let f = moneyFormats.get(currency);
    if (!f) {
      try {
        f = new Intl.NumberFormat(loc, { numberingSystem, style: 'currency', currency });
      } catch {
        f = num;
      }
      moneyFormats.set(currency, f);
    }
    return f;
  };
  const dt = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(loc, { numberingSystem, calendar: 'gregory', timeZone, ...o });
  const dateF = dt({ dateStyle: 'medium' });
  const dateTimeF = dt({ dateStyle: 'medium', timeStyle: 'short' });
  const timeF = dt({ timeStyle: 'short' });
  const dayWords = new Intl.DateTimeFormat(loc, { numberingSystem, calendar: 'gregory', timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
  const dayF = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const rel = new Intl.RelativeTimeFormat(loc, { numberingSystem, numeric: 'auto' } as Intl.RelativeTimeFormatOptions);
  const toDate = (w: string | Date) => (w instanceof Date ? w : new Date(w));
  // Decimal strings ("199.95") go to Intl as they are: no float rounding on the way.
  const exact = (v: string | number) => v as unknown as number;
  return {
    number: (n) => num.format(exact(n)),
    plain: (n) => plainF.format(exact(n)),
    digits: (text) => (s.digits === 'arabic' ? toLatinDigits(text).replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d))) : toLatinDigits(text)),
    money: (amount, currency = s.currency) => moneyFormat(currency).format(exact(amount)),
    percent: (ratio) => pct.format(ratio),
    date: (w) => dateF.format(toDate(w)),
    dateTime: (w) => dateTimeF.format(toDate(w)),
    time: (w) => timeF.format(toDate(w)),
    dayOf: (w) => dayF.format(toDate(w)),
    day: (isoDay) => dayWords.format(new Date(`${isoDay}T00:00:00Z`)),
    relative(w, now = new Date()) {
      const seconds = Math.round((toDate(w).getTime() - now.getTime()) / 1000);
      const abs = Math.abs(seconds);
      if (abs < 45) return rel.format(0, 'second');
      if (abs < 45 * 60) return rel.format(Math.round(seconds / 60), 'minute');
      if (abs < 22 * 3600) return rel.format(Math.round(seconds / 3600), 'hour');
      if (abs < 26 * 86400) return rel.format(Math.round(seconds / 86400), 'day');
      if (abs < 320 * 86400) return rel.format(Math.round(seconds / (30 * 86400)), 'month');
      return rel.format(Math.round(seconds / (365 * 86400)), 'year');
    },
  };
}

function validZone(zone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
