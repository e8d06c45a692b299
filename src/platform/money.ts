import { unprocessable } from './errors.ts';

// Money is integer minor units (bigint) plus an ISO 4217 currency; never a float.
// Exponents from ISO 4217 for the currencies whose minor unit is not 2.
const EXPONENT: Record<string, number> = {
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0,
  UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
};

/**
 * The largest amount wasl accepts, in minor units (10^15: ten trillion riyals). Far above any
 * real order, and it keeps every sum exact in a bigint column and a JSON number.
 */
export const MAX_MINOR = 10n ** 15n;

export function currencyExponent(currency: string): number {
  return EXPONENT[currency] ?? 2;
}

/** "199.5" SAR → 19950n. More decimals than the currency has is an error, not a rounding. */
export function toMinor(amount: string, currency: string, path = 'amount'): bigint {
  const exp = currencyExponent(currency);
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount);
  if (!m) throw unprocessable(`${path} must be a decimal amount`, [{ path, message: 'must be a decimal amount such as "199.00"' }]);
  const frac = (m[2] ?? '').replace(/0+$/, '');
  if (frac.length > exp) {
    throw unprocessable(`${path} has more decimals than ${currency} allows (${exp})`, [
      { path, message: `${currency} amounts have at most ${exp} decimals` },
    ]);
  }
  return BigInt(m[1]) * 10n ** BigInt(exp) + BigInt(frac.padEnd(exp, '0') || '0');
}

/** 19950n SAR → "199.50" */
export function fromMinor(minor: bigint | number | string, currency: string): string {
  const exp = currencyExponent(currency);
  let v = BigInt(minor);
  const negative = v < 0n;
  if (negative) v = -v;
  const s = v.toString().padStart(exp + 1, '0');
  const whole = exp === 0 ? s : s.slice(0, -exp);
  const frac = exp === 0 ? '' : `.${s.slice(-exp)}`;
  return `${negative ? '-' : ''}${whole}${frac}`;
}
