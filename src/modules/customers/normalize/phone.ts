// The `max` metadata is the only build that knows number types (mobile vs landline); risk rules
// and messaging need that, so the extra size is worth it here.
import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';
import { stripFormatCharacters, toLatinDigits } from '../../../platform/digits.ts';

export type PhoneType = 'mobile' | 'fixed_line' | 'fixed_line_or_mobile' | 'voip' | 'other';

export interface NormalizedPhone {
  /** Exactly what was given: the API returns it as `phone`. */
  raw: string;
  e164: string | null;
  valid: boolean;
  /** False when there is nothing to read as a number at all (the API answers 422). */
  readable: boolean;
  type: PhoneType | null;
  country: string | null;
}

// Below this there is nothing to read. Four digits still read as a (truncated) number such as
// "0501": accepted as invalid rather than refused, so the order is kept and flagged for risk.
const MIN_DIGITS = 4;
// Separators people and storefronts put inside numbers; they carry no meaning.
const SEPARATORS = /[\s\-‐‑‒–—−.()[\]]/g;

const TYPE_MAP: Record<string, PhoneType> = {
  MOBILE: 'mobile',
  FIXED_LINE: 'fixed_line',
  FIXED_LINE_OR_MOBILE: 'fixed_line_or_mobile',
  VOIP: 'voip',
};

/** Reduces the input to `+digits` or `digits`, or null when it is not a number at all. */
function cleanPhone(raw: string): string | null {
  let s = toLatinDigits(stripFormatCharacters(raw)).replace(SEPARATORS, '');
  // Copied out of right-to-left text, "+966…" often arrives as "966…+".
  if (/^\d+\+$/.test(s)) s = '+' + s.slice(0, -1);
  if (s.startsWith('00')) s = '+' + s.slice(2);
  if (!/^\+?\d+$/.test(s)) return null; // letters ("call me"), two numbers, stray symbols
  const digits = s.replace('+', '');
  return digits.length >= MIN_DIGITS ? s : null;
}

function result(raw: string, readable: boolean, p?: PhoneNumber): NormalizedPhone {
  if (!p) return { raw, e164: null, valid: false, readable, type: null, country: null };
  const t = p.getType();
  return {
    raw,
    e164: p.number,
    valid: true,
    readable: true,
    type: (t && TYPE_MAP[t]) ?? 'other',
    country: p.country ?? null,
  };
}

function validParse(text: string, region?: CountryCode): PhoneNumber | undefined {
  const p = parsePhoneNumberFromString(text, region);
  return p?.isValid() ? p : undefined;
}

/**
 * Reads a phone typed by a customer or sent by a storefront. `regions` is the ordered list of
 * default countries to try (shipping country first, then the store's country).
 */
export function normalizePhone(raw: string, regions: string[]): NormalizedPhone {
  const s = cleanPhone(raw);
  if (s === null) return result(raw, false);
  if (s.startsWith('+')) return result(raw, true, validParse(s));

  for (const r of regions) {
    const region = r.trim().toUpperCase();
    if (!isSupportedCountry(region)) continue;
    const local = validParse(s, region);
    if (local) return result(raw, true, local);
    // "966501234567": the customer typed the country code but not the plus. Only for the
    // region's own code, and only after the local reading failed, so no local number is lost.
    if (s.startsWith(getCountryCallingCode(region))) {
      const intl = validParse('+' + s);
      if (intl) return result(raw, true, intl);
    }
  }
  return result(raw, true);
}

/**
 * The last 9 digits: a fallback matching key for numbers that did not validate, and for
 * records imported with inconsistent prefixes (9 digits is a Saudi or Emirati mobile without
 * its trunk zero or country code).
 */
export function phoneLast9(e164OrDigits: string): string {
  const digits = toLatinDigits(e164OrDigits).replace(/\D/g, '');
  return digits.slice(-9);
}
