import type { OrderInputDraft } from '../../orders/index.ts';
import {
  type Json, type Storefront, type StorefrontEvent, StorefrontPayloadError,
  firstText, header, hmacMatches, idOf, joinText, list, money, parseJsonObject, pendingOrPaid, perUnit, record, sumMoney, text,
} from './storefront.ts';

// WooCommerce webhooks: X-WC-Webhook-Signature is the base64 HMAC-SHA256 of the raw body with the
// webhook's secret; the topic is in X-WC-Webhook-Topic; the body is the REST API v3 order.
const ORDER_TOPICS = new Set(['order.created', 'order.updated', 'order.restored']);

// On creation WooCommerce posts `webhook_id=NN` (form-encoded, unsigned, no topic) and only
// activates the webhook if that answers 200.
const PING = /^webhook_id=(\d+)$/;
const pingId = (rawBody: Buffer) => PING.exec(rawBody.toString('utf8').trim())?.[1];

// WordPress stores titles HTML-encoded ("Ship Your Idea &ndash; Color: Black").
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—' };
const decodeEntities = (s: string | undefined) =>
  s?.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, e: string) =>
    e[0] === '#' ? String.fromCodePoint(Number(e[1].toLowerCase() === 'x' ? `0${e.slice(1)}` : e.slice(1))) : ENTITIES[e.toLowerCase()] ?? whole,
  );

function address(a: Json) {
  return {
    name: joinText(a.first_name, a.last_name),
    line1: text(a.address_1) ?? '',
    line2: text(a.address_2),
    city: text(a.city) ?? '',
    region: text(a.state),
    postal_code: text(a.postcode),
    country: text(a.country)?.toUpperCase() ?? '',
  };
}

/** The REST v3 order as canonical order input. Exported so tests can map samples whatever their state. */
export function wooOrderInput(order: Json): OrderInputDraft {
  const currency = text(order.currency) ?? '';
  if (!Array.isArray(order.line_items)) throw new StorefrontPayloadError('WooCommerce order has no line_items array');
  const billing = record(order.billing);
  const shipping = record(order.shipping);
  // Fees (a COD surcharge, say) are part of the total: charges go with shipping, credits with discounts.
  const fees = list(order.fee_lines).map((f) => text(record(f).total));
  const charges = fees.filter((f) => f !== undefined && !f.startsWith('-'));
  const credits = fees.filter((f) => f?.startsWith('-')).map((f) => f!.slice(1));
  return {
    external_id: idOf(order.id),
    source: 'woocommerce',
    currency,
    customer: {
      name: joinText(billing.first_name, billing.last_name) ?? joinText(shipping.first_name, shipping.last_name) ?? '',
      phone: firstText(shipping.phone, billing.phone) ?? '', // shipping.phone exists since WooCommerce 5.6
      email: text(billing.email),
    },
    shipping_address: address(text(shipping.address_1) ? shipping : billing),
    lines: order.line_items.map((raw) => {
      const li = record(raw);
      const quantity = Number(li.quantity);
      const productId = Number(li.variation_id) > 0 ? idOf(li.variation_id) : idOf(li.product_id);
      return {
        sku: text(li.sku) ?? `woocommerce:${productId}`,
        quantity,
        // `subtotal` is the line before discounts; the order's discount_total carries those.
        unit_price: perUnit(li.subtotal, quantity, currency, 'WooCommerce line subtotal') ?? money(li.price, currency) ?? '',
        name: decodeEntities(text(li.name)),
      };
    }),
    shipping_total: sumMoney([order.shipping_total, ...charges], currency, 'WooCommerce shipping_total'),
    discount_total: sumMoney([order.discount_total, ...credits], currency, 'WooCommerce discount_total'),
    // WooCommerce keeps line and shipping amounts before tax whatever the display setting.
    tax_total: money(order.total_tax, currency),
    total: money(order.total, currency),
    payment: { method: order.payment_method === 'cod' ? 'cod' : 'online', status: pendingOrPaid(isPaid(order)) },
    delivery: { option: text(record(list(order.shipping_lines)[0]).method_title) },
    note: text(order.customer_note),
    client: { ip: text(order.customer_ip_address), user_agent: text(order.customer_user_agent) },
  };
}

// COD orders go straight to "processing" unpaid; only date_paid (set on completion) means cash.
function isPaid(order: Json): boolean {
  if (text(order.date_paid) || order.set_paid === true) return true;
  return order.payment_method !== 'cod' && (order.status === 'processing' || order.status === 'completed');
}

export const woocommerce: Storefront = {
  name: 'woocommerce',

  verifySignature(rawBody, headers, secret) {
    const signature = header(headers, 'x-wc-webhook-signature');
    // The creation ping is unsigned by design and carries nothing we act on.
    if (!signature && pingId(rawBody) !== undefined) return true;
    return hmacMatches(rawBody, secret, signature, 'base64');
  },

  parse(rawBody, headers): StorefrontEvent {
    const topic = header(headers, 'x-wc-webhook-topic');
    const ping = pingId(rawBody);
    if (ping !== undefined) return { kind: 'ignore', externalId: null, topic: topic ?? 'ping', reason: `WooCommerce ping for webhook ${ping}` };
    if (!topic) throw new StorefrontPayloadError('WooCommerce webhook has no X-WC-Webhook-Topic header');
    const order = parseJsonObject(rawBody, 'WooCommerce');
    const externalId = idOf(order.id);
    if (!ORDER_TOPICS.has(topic) && topic !== 'order.deleted') {
      return { kind: 'ignore', externalId, topic, reason: `WooCommerce topic ${topic} is not handled` };
    }
    if (!externalId) throw new StorefrontPayloadError(`WooCommerce ${topic} payload has no order id`);
    // order.deleted carries only the id; an order deleted in the shop must not be shipped.
    if (topic === 'order.deleted') return { kind: 'cancel', externalId, topic, cancelled: true, reason: 'order deleted in WooCommerce' };
    const status = text(order.status) ?? '';
    const paid = isPaid(order);
    if (status === 'cancelled' || status === 'trash') {
      return { kind: 'cancel', externalId, topic, paid, cancelled: true, reason: `status ${status} in WooCommerce` };
    }
    // Failed payments and checkout drafts are not orders anyone placed; refunds are not intake's.
    if (status === 'failed' || status === 'checkout-draft' || status === 'refunded') {
      return { kind: 'ignore', externalId, topic, paid, cancelled: false, reason: `status ${status} in WooCommerce` };
    }
    return { kind: 'order', externalId, topic, order: wooOrderInput(order), paid, cancelled: false };
  },
};
