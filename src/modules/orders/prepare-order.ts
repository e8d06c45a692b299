import type { StoreInfo } from '../../platform/context.ts';
import { unprocessable, type ErrorDetail } from '../../platform/errors.ts';
import { MAX_MINOR, currencyExponent, fromMinor, toMinor } from '../../platform/money.ts';
import { addressKey, canonicalEmail, normalizePhone, type CanonicalEmail, type NormalizedPhone } from '../customers/index.ts';
import { normalizeIp } from '../risk/index.ts';
import type { OrderInput } from './order-input.ts';

export interface HoldReason {
  code: string;
  message: string;
  skus?: string[];
}

/** An order checked and normalised, ready to write: every amount in minor units. */
export interface PreparedOrder {
  input: OrderInput;
  phone: NormalizedPhone;
  email: CanonicalEmail | null;
  addressKey: string;
  /** The client's IP, normalised; null when none was given or it is not an IP. */
  clientIp: string | null;
  lines: { sku: string; name: string | null; quantity: number; unitMinor: bigint; totalMinor: bigint }[];
  subtotal: bigint;
  shipping: bigint;
  discount: bigint;
  tax: bigint;
  total: bigint;
  holds: HoldReason[];
}

/**
 * Validate what a schema cannot: the phone reads as a number, the email is an email, money has
 * the currency's decimals and the total adds up. `lenient` is for storefront orders, which are
 * already sold: a problem becomes a hold reason for a person instead of a refusal.
 */
export function prepareOrder(store: StoreInfo, input: OrderInput, opts: { lenient: boolean }): PreparedOrder {
  const problems: ErrorDetail[] = [];
  const holds: HoldReason[] = [];
  const cur = input.currency;
  const money = (value: string | null | undefined, path: string): bigint => {
    if (value === null || value === undefined) return 0n;
    try {
      return toMinor(value, cur, path);
    } catch {
      problems.push({ path, message: `${cur} amounts have at most ${currencyExponent(cur)} decimals` });
      return 0n;
    }
  };

  const phone = normalizePhone(input.customer.phone, [input.shipping_address.country, store.country]);
  if (!phone.readable && !opts.lenient) problems.push({ path: 'customer.phone', message: 'is not a phone number' });

  let email: CanonicalEmail | null = null;
  if (input.customer.email) {
    email = canonicalEmail(input.customer.email);
    if (!email.valid) {
      if (!opts.lenient) problems.push({ path: 'customer.email', message: 'is not an email address' });
      email = null;
    }
  }

  const lines = input.lines.map((l, i) => {
    const unitMinor = money(l.unit_price, `lines[${i}].unit_price`);
    return { sku: l.sku, name: l.name ?? null, quantity: l.quantity, unitMinor, totalMinor: unitMinor * BigInt(l.quantity) };
  });
  const subtotal = lines.reduce((s, l) => s + l.totalMinor, 0n);
  const shipping = money(input.shipping_total, 'shipping_total');
  const discount = money(input.discount_total, 'discount_total');
  const tax = money(input.tax_total, 'tax_total');
  for (const [path, amount] of [['lines', subtotal], ['shipping_total', shipping], ['tax_total', tax]] as const) {
    if (amount > MAX_MINOR) problems.push({ path, message: `adds up to more than ${fromMinor(MAX_MINOR, cur)} ${cur}, which no order can be` });
  }
  if (discount > subtotal + shipping) {
    problems.push({ path: 'discount_total', message: 'is larger than the order itself' });
  }
  // Prices may include tax (usual in Saudi Arabia) or not: a total is right if it adds up either way.
  const withTax = subtotal + shipping - discount + tax;
  const taxIncluded = subtotal + shipping - discount;
  let total = withTax;
  if (input.total !== null && input.total !== undefined) {
    const given = money(input.total, 'total');
    if (given === taxIncluded) total = given;
    else if (given !== withTax && !problems.length) {
      const detail = `lines ${fromMinor(subtotal, cur)} + shipping ${fromMinor(shipping, cur)} − discount ${fromMinor(discount, cur)} + tax ${fromMinor(tax, cur)} = ${fromMinor(withTax, cur)}, not ${fromMinor(given, cur)}`;
      if (opts.lenient) {
        holds.push({ code: 'totals_mismatch', message: `The storefront's total does not add up: ${detail}` });
        total = given;
      } else problems.push({ path: 'total', message: `does not add up: ${detail}` });
    }
  }

  if (problems.length) {
    throw unprocessable(`${problems[0].path} ${problems[0].message}`, problems);
  }
  return {
    input,
    phone,
    email,
    addressKey: addressKey(input.shipping_address),
    clientIp: input.client?.ip ? normalizeIp(input.client.ip) : null,
    lines,
    subtotal,
    shipping,
    discount,
    tax,
    total,
    holds,
  };
}
