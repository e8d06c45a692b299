import { isIP } from 'node:net';
import { z } from 'zod';
import type { StoreInfo } from '../../platform/context.ts';
import { stripFormatCharacters, toLatinDigits } from '../../platform/digits.ts';
import { unprocessable, type ErrorDetail } from '../../platform/errors.ts';
import { addressKey, canonicalEmail, normalizeArabicText, normalizePhone, phoneLast9 } from '../customers/index.ts';

export const LISTS = ['block', 'allow'] as const;
export type ListName = (typeof LISTS)[number];
export const ENTRY_TYPES = ['phone', 'email', 'ip', 'address'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

/**
 * One spelling of an IP address: IPv4 as written, IPv6 compressed and lower-case (RFC 5952, as
 * the WHATWG URL serialiser writes it), and an IPv4-mapped IPv6 address (`::ffff:1.2.3.4`, what a
 * dual-stack server reports for an IPv4 client) as the IPv4 address it is. Null when not an IP.
 */
export function normalizeIp(raw: string): string | null {
  let s = toLatinDigits(stripFormatCharacters(raw)).trim();
  const bracketed = /^\[(.*)\]$/.exec(s);
  if (bracketed) s = bracketed[1];
  // A zone ("fe80::1%eth0") names the server's own interface, not the client.
  s = s.replace(/%[^%]*$/, '');
  const version = isIP(s);
  if (version === 4) return s;
  if (version !== 6) return null;
  const compressed = new URL(`http://[${s}]`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(compressed);
  if (!mapped) return compressed;
  const [hi, lo] = [parseInt(mapped[1], 16), parseInt(mapped[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

// The address object is what an order's `shipping_address` holds, so a merchant can paste one
// from an order; `name`, `region` and `postal_code` are accepted and do not count in the key.
const line = (max: number) => z.string().trim().max(max);
const addressValue = z.object({
  line1: line(500).min(1),
  line2: line(500).nullish(),
  district: line(200).nullish(),
  city: line(200).min(1),
  country: z
    .string()
    .trim()
    .transform((v) => v.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "SA"'))
    .nullish(),
  name: line(200).nullish(),
  region: line(200).nullish(),
  postal_code: line(20).nullish(),
});

export interface ListKey {
  key: string;
  last9: string | null;
}

const refuse = (details: ErrorDetail[]) => unprocessable(`${details[0].path} ${details[0].message}`, details);

/**
 * The matching key of a value a merchant gives, or a 422 naming `value`. A phone that reads as
 * a number but does not validate is kept, keyed by its last 9 digits: that is how intake will
 * match it, and two such spellings with the same last 9 digits match the same orders anyway.
 */
export function listKey(store: StoreInfo, type: EntryType, value: unknown): ListKey {
  if (type === 'address') {
    if (typeof value === 'string') {
      throw refuse([{ path: 'value', message: 'must be an address object {line1, city, district?, line2?, country?}, as on an order: free text cannot be matched against the addresses of orders' }]);
    }
    const parsed = addressValue.safeParse(value);
    if (!parsed.success) {
      throw refuse(parsed.error.issues.map((i) => ({ path: ['value', ...i.path].join('.'), message: i.message })));
    }
    const a = parsed.data;
    if (!normalizeArabicText(a.line1)) throw refuse([{ path: 'value.line1', message: 'has no letters or digits' }]);
    if (!normalizeArabicText(a.city)) throw refuse([{ path: 'value.city', message: 'has no letters or digits' }]);
    return { key: addressKey({ ...a, country: a.country ?? store.country }), last9: null };
  }
  if (typeof value !== 'string') throw refuse([{ path: 'value', message: `must be text for a ${type}` }]);
  if (type === 'phone') {
    const phone = normalizePhone(value, [store.country]);
    if (!phone.readable) throw refuse([{ path: 'value', message: 'is not a phone number' }]);
    if (phone.e164) return { key: phone.e164, last9: phoneLast9(phone.e164) };
    const last9 = phoneLast9(value);
    return { key: last9, last9 };
  }
  if (type === 'email') {
    const email = canonicalEmail(value);
    if (!email.valid) throw refuse([{ path: 'value', message: 'is not an email address' }]);
    return { key: email.canonical!, last9: null };
  }
  const ip = normalizeIp(value);
  if (!ip) throw refuse([{ path: 'value', message: 'is not an IPv4 or IPv6 address' }]);
  return { key: ip, last9: null };
}
