import type { OrderInputDraft } from '../../orders/index.ts';
import {
  type Json, type Storefront, type StorefrontEvent, StorefrontPayloadError,
  firstText, header, hmacMatches, idOf, isRecord, joinText, list, money, parseJsonObject, pendingOrPaid, record, sumMoney, text,
} from './storefront.ts';

// Salla webhooks ("Signature" security strategy): X-Salla-Signature is the hex HMAC-SHA256 of the
// raw body with the webhook secret. Body: {event, merchant, created_at, data: {...order}}.
// Every order.* event below carries the whole order, so each one is the order's latest state.
const ORDER_EVENTS = new Set([
  'order.created', 'order.updated', 'order.status.updated', 'order.payment.updated', 'order.products.updated',
  'order.total.price.updated', 'order.coupon.updated', 'order.shipping.address.updated',
]);
const CANCELLED = new Set(['canceled', 'cancelled']);

// Salla writes countries as ISO codes in some places and as Arabic or English names in others.
const COUNTRY_NAMES: [string, ...string[]][] = [
  ['SA', 'السعودية', 'المملكة العربية السعودية', 'Saudi Arabia', 'KSA'],
  ['AE', 'الامارات', 'الإمارات العربية المتحدة', 'United Arab Emirates', 'UAE'],
  ['KW', 'الكويت', 'Kuwait'],
  ['QA', 'قطر', 'Qatar'],
  ['BH', 'البحرين', 'Bahrain'],
  ['OM', 'عمان', 'سلطنة عمان', 'Oman'],
  ['EG', 'مصر', 'Egypt'],
  ['JO', 'الأردن', 'Jordan'],
  ['IQ', 'العراق', 'Iraq'],
];
const fold = (s: string) =>
  s.toLowerCase().replace(/[\u064B-\u065F\u0670\u0640]/g, '').replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه').replace(/ى/g, 'ي').replace(/\s+/g, ' ').trim();
const COUNTRY_BY_NAME = new Map(COUNTRY_NAMES.flatMap(([code, ...names]) => names.map((n) => [fold(n), code] as const)));

/** ISO alpha-2 from Salla's country code or name; an unknown name passes through for intake to flag. */
export function sallaCountry(code: unknown, name: unknown): string {
  for (const v of [text(code), text(name)]) if (v && /^[A-Za-z]{2}$/.test(v)) return v.toUpperCase();
  const n = text(name);
  return (n && COUNTRY_BY_NAME.get(fold(n))) ?? n ?? '';
}

function address(a: Json, name: string | undefined) {
  return {
    name,
    line1: firstText(a.shipping_address, a.address_line, a.street_number) ?? '',
    district: text(a.block),
    city: text(a.city) ?? '',
    region: text(record(a.region).name),
    postal_code: text(a.postal_code),
    country: sallaCountry(a.country_code, a.country),
  };
}

// Salla customers sign in with a one-time code to their mobile, so that number is proven; it comes
// split into mobile_code (+966) and mobile (501806978).
function customerPhone(c: Json): string | undefined {
  const mobile = text(c.mobile);
  if (!mobile || /^(\+|00)/.test(mobile)) return mobile;
  return `${text(c.mobile_code) ?? ''}${mobile}`;
}

// A bank transfer is money only once the merchant has checked the receipt (under_review until then).
function isPaid(order: Json): boolean {
  const slug = text(record(order.status).slug);
  if (order.payment_method === 'cod' || order.is_pending_payment === true || slug === 'payment_pending') return false;
  return !(order.payment_method === 'bank' && slug === 'under_review');
}

/** Salla's order (the webhook's `data`) as canonical order input. Exported for tests. */
export function sallaOrderInput(order: Json): OrderInputDraft {
  const currency = text(order.currency) ?? '';
  if (!Array.isArray(order.items)) throw new StorefrontPayloadError('Salla order has no items array');
  const customer = record(order.customer);
  const shipping = record(order.shipping);
  const receiver = record(shipping.receiver);
  const shipTo = record(record(list(order.shipments)[0]).ship_to);
  const amounts = record(order.amounts);
  const source = record(order.source_details);
  return {
    external_id: idOf(order.id),
    source: 'salla',
    currency,
    customer: {
      name: joinText(customer.first_name, customer.last_name) ?? text(receiver.name) ?? '',
      phone: customerPhone(customer) ?? firstText(receiver.phone, shipTo.phone) ?? '',
      email: firstText(customer.email, receiver.email),
    },
    shipping_address: isRecord(shipping.address)
      ? address(shipping.address, firstText(receiver.name, shipTo.name))
      : address(shipTo, text(shipTo.name)),
    lines: order.items.map((raw) => {
      const item = record(raw);
      const product = record(item.product);
      return {
        sku: firstText(item.sku, product.sku) ?? `salla:${idOf(product.id) ?? idOf(item.id)}`,
        quantity: Number(item.quantity),
        unit_price: money(record(record(item.amounts).price_without_tax).amount, currency) ?? '',
        name: firstText(item.name, product.name),
      };
    }),
    // The COD fee Salla adds is a delivery charge, and the total includes it.
    shipping_total: sumMoney(
      [record(amounts.shipping_cost).amount, record(amounts.cash_on_delivery).amount], currency, 'Salla shipping amounts',
    ),
    discount_total: sumMoney(list(amounts.discounts).map((d) => record(d).discount), currency, 'Salla discounts'),
    tax_total: money(record(record(amounts.tax).amount).amount, currency),
    total: money(record(amounts.total).amount, currency),
    payment: { method: order.payment_method === 'cod' ? 'cod' : 'online', status: pendingOrPaid(isPaid(order)) },
    delivery: { option: firstText(shipping.company, record(list(order.shipments)[0]).courier_name) },
    client: { ip: text(source.ip), user_agent: text(source['user-agent']) },
  };
}

export const salla: Storefront = {
  name: 'salla',

  verifySignature(rawBody, headers, secret) {
    const strategy = header(headers, 'x-salla-security-strategy');
    if (strategy && strategy.toLowerCase() !== 'signature') return false; // only the Signature strategy is configured
    const signature = header(headers, 'x-salla-signature')?.replace(/^sha256=/i, '');
    return hmacMatches(rawBody, secret, signature, 'hex');
  },

  parse(rawBody): StorefrontEvent {
    const body = parseJsonObject(rawBody, 'Salla');
    const topic = text(body.event);
    if (!topic) throw new StorefrontPayloadError('Salla webhook body has no event');
    const order = record(body.data);
    const externalId = idOf(order.id);
    const orderEvent = ORDER_EVENTS.has(topic) || topic === 'order.cancelled' || topic === 'order.deleted';
    if (!orderEvent) return { kind: 'ignore', externalId, topic, reason: `Salla event ${topic} is not handled` };
    if (!externalId) throw new StorefrontPayloadError(`Salla ${topic} payload has no data.id`);
    // An order deleted in Salla must not be shipped.
    if (topic === 'order.deleted') return { kind: 'cancel', externalId, topic, cancelled: true, reason: 'order deleted in Salla' };
    const status = record(order.status);
    const paid = isPaid(order);
    if (topic === 'order.cancelled' || CANCELLED.has(text(status.slug) ?? '')) {
      return { kind: 'cancel', externalId, topic, paid, cancelled: true, reason: firstText(status.name, status.slug) ?? 'cancelled in Salla' };
    }
    return { kind: 'order', externalId, topic, order: sallaOrderInput(order), paid, cancelled: false };
  },
};
