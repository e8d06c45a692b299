export type Lang = 'ar' | 'en';

export interface PageOrder {
  storeName: string;
  number: number;
  placedAt: Date;
  /** IANA zone of the store, e.g. "Asia/Riyadh"; dates are shown in it. */
  timezone: string;
  customerName: string;
  phone: string | null;
  /** `total` is a decimal amount ("199.00") in `totals.currency`. */
  lines: { name: string; quantity: number; total: string }[];
  totals: { subtotal: string; shipping: string; discount: string; tax: string; total: string; currency: string };
  paymentMethod: 'cod' | 'online';
  address: {
    name?: string;
    line1: string;
    line2?: string;
    district?: string;
    city: string;
    region?: string;
    postal_code?: string;
    /** ISO 3166 alpha-2 ("SA"); anything else is shown as given. */
    country: string;
  };
  /** The delivery window already chosen, if any. */
  window: { date: string; from: string; to: string } | null;
}

/** 'closed' = the order moved on (shipped, or verified by an agent): nothing left to do here. */
export type PageState = 'open' | 'confirmed' | 'cancelled' | 'closed';

export interface PageWindow {
  /** "2026-11-24|09:00|13:00": what the form posts back as `window`. */
  value: string;
  /** Store-local calendar date "YYYY-MM-DD" and times "HH:MM". */
  date: string;
  from: string;
  to: string;
}

export interface PageModel {
  lang: Lang;
  token: string;
  /** Email links may NOT confirm (anyone may read an email): only a new phone number or cancel. */
  purpose: 'confirm' | 'email';
  state: PageState;
  order: PageOrder;
  windows: PageWindow[];
  notice?: { kind: 'success' | 'error'; text: string };
  /** Form field name → message in the page language. */
  fieldErrors?: Record<string, string>;
  /** What the customer typed, refilled after an error. */
  values?: Record<string, string>;
}

export type ProblemKind = 'expired' | 'used' | 'not_found' | 'rate_limited' | 'error';

export const ADDRESS_FIELDS = ['line1', 'line2', 'district', 'city', 'region', 'postal_code'] as const;
export type AddressField = (typeof ADDRESS_FIELDS)[number];
