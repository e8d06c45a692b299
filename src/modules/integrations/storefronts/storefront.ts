import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../../platform/errors.ts';
import { toLatinDigits } from '../../../platform/digits.ts';
import { currencyExponent, fromMinor } from '../../../platform/money.ts';
import type { OrderInputDraft } from '../../orders/index.ts';

/**
 * One small interface over each storefront's webhooks: check the signature over the raw body,
 * then turn the body into an event that intake understands. Pure: no database, no HTTP.
 */
export type StorefrontName = 'shopify' | 'woocommerce' | 'salla';
export type Headers = Record<string, string | string[] | undefined>;

export interface StorefrontEvent {
  kind: 'order' | 'cancel' | 'ignore'; // ignore: pings, topics we do not handle
  externalId: string | null; // the platform's order id, as a string
  topic: string; // e.g. 'orders/create', 'order.updated'
  order?: OrderInputDraft; // for kind 'order' (source = platform, external_id = platform id)
  paid?: boolean; // platform says the order is paid
  cancelled?: boolean; // platform status is cancelled
  reason?: string; // why ignored / cancel reason
}

export interface Storefront {
  name: StorefrontName;
  verifySignature(rawBody: Buffer, headers: Headers, secret: string): boolean; // timing-safe compare
  parse(rawBody: Buffer, headers: Headers): StorefrontEvent; // throws StorefrontPayloadError
}

/** A body we cannot read as the platform's payload. An AppError, so HTTP answers 400 with it. */
export class StorefrontPayloadError extends AppError {
  constructor(message: string) {
    super(400, 'invalid_webhook_payload', message);
    this.name = 'StorefrontPayloadError';
  }
}

export type Json = Record<string, unknown>;

export const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const record = (v: unknown): Json => (isRecord(v) ? v : {});
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Trimmed text, or undefined when absent or blank; numbers become text (ids, phones). */
export function text(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

export const firstText = (...vs: unknown[]): string | undefined => vs.map(text).find((t) => t !== undefined);
export const joinText = (...vs: unknown[]): string | undefined =>
  vs.map(text).filter(Boolean).join(' ') || undefined;

/** Platform ids as strings: a number id or a numeric string; anything else is no id. */
export function idOf(v: unknown): string | null {
  const t = text(v);
  return t !== undefined && /^[0-9A-Za-z_-]+$/.test(t) ? t : null;
}

/** Case-insensitive header lookup (Node lower-cases, tests and proxies may not). */
export function header(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === wanted) return text(Array.isArray(v) ? v[0] : v);
  }
  return undefined;
}

/**
 * HMAC-SHA256 of the raw body compared in constant time. A missing secret never verifies: a store
 * that has not set one must not accept anyone's webhook.
 */
export function hmacMatches(rawBody: Buffer, secret: string, given: string | undefined, encoding: 'base64' | 'hex'): boolean {
  if (!secret || !given) return false;
  const ok = encoding === 'hex' ? /^[0-9a-f]{64}$/i.test(given) : /^[A-Za-z0-9+/]{43}=$/.test(given);
  if (!ok) return false;
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  const actual = Buffer.from(given, encoding);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * JSON.parse, except integers beyond 2^53 stay exact as strings: Shopify ids run to 18 digits
 * (its own samples do) and would otherwise be rounded into someone else's order id.
 */
export function parseJsonObject(rawBody: Buffer, platform: string): Json {
  const source = rawBody.toString('utf8').replace(/^\uFEFF/, '');
  let value: unknown;
  try {
    value = JSON.parse(quoteUnsafeIntegers(source));
  } catch (e) {
    throw new StorefrontPayloadError(`${platform} sent a body that is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(value)) throw new StorefrontPayloadError(`${platform} sent JSON that is not an object`);
  return value;
}

function quoteUnsafeIntegers(src: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < src.length; ) {
    const c = src[i];
    if (c === '"') {
      for (i++; i < src.length && src[i] !== '"'; i += src[i] === '\\' ? 2 : 1);
      i++;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      let j = i + 1;
      while (j < src.length && /[0-9.eE+-]/.test(src[j])) j++;
      const token = src.slice(i, j);
      if (/^-?\d{16,}$/.test(token) && !Number.isSafeInteger(Number(token))) {
        out += `${src.slice(copied, i)}"${token}"`;
        copied = j;
      }
      i = j;
    } else i++;
  }
  return out + src.slice(copied);
}

/**
 * A money value as a decimal string. Strings pass through untouched (intake reads Arabic-Indic
 * digits); numbers are written with the currency's minor digits so 186 SAR reads "186.00".
 */
export function money(v: unknown, currency: string): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v.toFixed(currencyExponent(currency));
  return text(v);
}

function toMinor(v: unknown, currency: string, what: string): bigint {
  const s = money(v, currency);
  const m = s === undefined ? null : /^(-?)(\d+)(?:\.(\d*))?$/.exec(toLatinDigits(s));
  if (!m) throw new StorefrontPayloadError(`${what} is not an amount: ${JSON.stringify(v)}`);
  const exp = currencyExponent(currency);
  const frac = (m[3] ?? '').padEnd(exp + 1, '0');
  let minor = BigInt(m[2]) * 10n ** BigInt(exp) + BigInt(frac.slice(0, exp) || '0');
  if (Number(frac[exp]) >= 5) minor += 1n; // round half up past the currency's digits
  return m[1] === '-' ? -minor : minor;
}

/** Sum of amounts (absent ones skipped), for totals a platform spreads over several fields. */
export function sumMoney(values: unknown[], currency: string, what: string): string | undefined {
  const present = values.filter((v) => money(v, currency) !== undefined);
  if (present.length === 0) return undefined;
  return fromMinor(present.reduce<bigint>((acc, v) => acc + toMinor(v, currency, what), 0n), currency);
}

/** A line amount divided by its quantity, rounded half up to the currency's digits. */
export function perUnit(lineAmount: unknown, quantity: number, currency: string, what: string): string | undefined {
  if (money(lineAmount, currency) === undefined) return undefined;
  const minor = toMinor(lineAmount, currency, what);
  if (!Number.isInteger(quantity) || quantity <= 1) return fromMinor(minor, currency);
  const q = BigInt(quantity);
  return fromMinor((minor * 2n + q) / (2n * q), currency);
}

export const pendingOrPaid = (paid: boolean): 'paid' | 'pending' => (paid ? 'paid' : 'pending');
