import type { OrderInputDraft } from '../../orders/index.ts';
import {
  type Json, type Storefront, type StorefrontEvent, StorefrontPayloadError,
  firstText, header, hmacMatches, idOf, joinText, list, money, parseJsonObject, pendingOrPaid, record, sumMoney, text,
} from './storefront.ts';

// Shopify webhooks: X-Shopify-Hmac-Sha256 is the base64 HMAC-SHA256 of the raw body with the
// app's (or the store's webhook) secret; the topic is in X-Shopify-Topic; the body is the
// Admin REST Order resource.
const ORDER_TOPICS = new Set(['orders/create', 'orders/updated', 'orders/paid']);

// "Cash on Delivery (COD)" is Shopify's built-in manual method; stores in the region often rename
// it, so Arabic names count too.
function isCod(order: Json): boolean {
  const names = [...list(order.payment_gateway_names), order.gateway].map((n) => text(n)?.toLowerCase() ?? '');
  return names.some(
    (n) => n === 'cod' || n === 'cash_on_delivery' || n.includes('cash on delivery') || n.includes('(cod)') || n.includes('عند الاستلام'),
  );
}

function address(a: Json) {
  return {
    name: joinText(a.first_name, a.last_name) ?? text(a.name),
    line1: text(a.address1) ?? '',
    line2: text(a.address2),
    city: text(a.city) ?? '',
    region: firstText(a.province, a.province_code),
    postal_code: text(a.zip),
    country: firstText(a.country_code) ?? '',
  };
}

/** The Order resource as canonical order input. Exported so tests can map samples whatever their state. */
export function shopifyOrderInput(order: Json): OrderInputDraft {
  const id = idOf(order.id);
  const currency = text(order.currency) ?? '';
  if (!Array.isArray(order.line_items)) throw new StorefrontPayloadError('Shopify order has no line_items array');
  const ship = record(order.shipping_address);
  const bill = record(order.billing_address);
  const customer = record(order.customer);
  const shipTo = text(ship.address1) ? ship : bill; // digital-only orders may have no shipping address
  // Older API versions have no total_shipping_price_set; their shipping lines add up the same.
  const shipping =
    money(record(record(order.total_shipping_price_set).shop_money).amount, currency) ??
    sumMoney(list(order.shipping_lines).map((l) => record(l).price), currency, 'Shopify shipping_lines price');
  const client = record(order.client_details);
  return {
    external_id: id,
    source: 'shopify',
    currency,
    customer: {
      name: joinText(customer.first_name, customer.last_name) ?? text(bill.name) ?? text(ship.name) ?? '',
      // The number on the parcel is the one the courier calls, so the shipping address wins.
      phone: firstText(ship.phone, bill.phone, customer.phone, order.phone, record(customer.default_address).phone) ?? '',
      email: firstText(order.email, order.contact_email, customer.email),
      // The language the buyer shopped in ("ar", "en-US"): messages and their page follow it.
      language: languageOf(text(order.customer_locale)),
    },
    shipping_address: address(shipTo),
    lines: order.line_items.map((raw) => {
      const li = record(raw);
      const fallbackId = idOf(li.variant_id) ?? idOf(li.product_id);
      return {
        sku: text(li.sku) ?? (fallbackId ? `shopify:${fallbackId}` : `shopify:line:${idOf(li.id)}`),
        quantity: Number(li.quantity),
        unit_price: money(li.price, currency) ?? '',
        name: firstText(li.name, li.title),
      };
    }),
    shipping_total: shipping,
    discount_total: money(order.total_discounts, currency),
    // With tax-inclusive prices the tax is already inside the lines; repeating it would break the sum.
    tax_total: order.taxes_included === true ? undefined : money(order.total_tax, currency),
    total: money(order.total_price, currency),
    payment: { method: isCod(order) ? 'cod' : 'online', status: pendingOrPaid(order.financial_status === 'paid') },
    delivery: { option: text(record(list(order.shipping_lines)[0]).title) },
    note: text(order.note),
    client: { ip: firstText(order.browser_ip, client.browser_ip), user_agent: text(client.user_agent) },
  };
}

export const shopify: Storefront = {
  name: 'shopify',

  verifySignature(rawBody, headers, secret) {
    return hmacMatches(rawBody, secret, header(headers, 'x-shopify-hmac-sha256'), 'base64');
  },

  parse(rawBody, headers): StorefrontEvent {
    const topic = header(headers, 'x-shopify-topic');
    if (!topic) throw new StorefrontPayloadError('Shopify webhook has no X-Shopify-Topic header');
    const order = parseJsonObject(rawBody, 'Shopify');
    const externalId = idOf(order.id);
    const handled = ORDER_TOPICS.has(topic) || topic === 'orders/cancelled' || topic === 'orders/delete';
    if (!handled) return { kind: 'ignore', externalId, topic, reason: `Shopify topic ${topic} is not handled` };
    if (!externalId) throw new StorefrontPayloadError(`Shopify ${topic} payload has no order id`);
    // orders/delete carries only the id; an order deleted in Shopify must not be shipped.
    if (topic === 'orders/delete') return { kind: 'cancel', externalId, topic, cancelled: true, reason: 'order deleted in Shopify' };
    const paid = order.financial_status === 'paid';
    if (topic === 'orders/cancelled' || text(order.cancelled_at)) {
      return { kind: 'cancel', externalId, topic, paid, cancelled: true, reason: text(order.cancel_reason) ?? 'cancelled in Shopify' };
    }
    return { kind: 'order', externalId, topic, order: shopifyOrderInput(order), paid, cancelled: false };
  },
};

function languageOf(locale: string | null | undefined): 'ar' | 'en' | null {
  const lang = locale?.toLowerCase().split(/[-_]/)[0];
  return lang === 'ar' || lang === 'en' ? lang : null;
}
