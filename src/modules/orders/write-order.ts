import type { Ctx } from '../../platform/context.ts';
import { newId } from '../../platform/ids.ts';
import { orderNumberSequence } from '../stores/index.ts';
import { ORDER_COLUMNS, orderView, type OrderRow, type OrderView } from './order-view.ts';
import type { HoldReason, PreparedOrder } from './prepare-order.ts';

/** What the caller decided about an order; the rest comes from the prepared input. */
export interface OrderFacts {
  id: string;
  source: string;
  status: string;
  holds: HoldReason[];
  paymentStatus: string;
  fulfillmentStatus: string;
  verification: Record<string, unknown>;
  risk: object;
  customerId: string;
  placedAt: Date;
  outcome?: string | null;
  imported?: boolean;
  /** The order's first timeline events, written with it. */
  events?: readonly (readonly [string, Record<string, unknown>])[];
}

/** The order row, all its lines and its first events. */
export async function writeOrder(ctx: Ctx, p: PreparedOrder, f: OrderFacts): Promise<OrderView> {
  const input = p.input;
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  const now = ctx.now();
  // Named columns, so a new column cannot shift the placeholders of the others.
  const values: Record<string, unknown> = {
    id: f.id, store_id: ctx.store.id, external_id: input.external_id ?? null, source: f.source, status: f.status,
    hold_reasons: json(f.holds), payment_method: input.payment.method, payment_status: f.paymentStatus,
    fulfillment_status: f.fulfillmentStatus, verification: json(f.verification), risk: json(f.risk),
    customer_id: f.customerId, customer_name: input.customer.name, customer_phone: input.customer.phone,
    customer_phone_e164: p.phone.e164, customer_email: p.email?.raw ?? null, customer_email_canonical: p.email?.canonical ?? null,
    customer_language: input.customer.language ?? null,
    shipping_address: json(input.shipping_address), address_key: p.addressKey, currency: input.currency,
    subtotal_minor: p.subtotal.toString(), shipping_minor: p.shipping.toString(), discount_minor: p.discount.toString(),
    tax_minor: p.tax.toString(), total_minor: p.total.toString(), delivery: json(input.delivery), note: input.note ?? null,
    client: json(input.client), client_ip: p.clientIp, outcome: f.outcome ?? null, imported: f.imported ?? false, placed_at: f.placedAt,
    created_at: now, updated_at: now,
  };
  const params: unknown[] = [];
  const $ = (v: unknown) => `$${params.push(v)}`;
  const names = Object.keys(values);
  const placeholders = names.map((n) => $(values[n]));
  const lines = p.lines;
  const events = f.events ?? [];
  // One statement, one round trip: the order, its lines and its first events. Every event
  // written here carries the order's number, which only the INSERT knows.
  const [row] = await ctx.db.query<OrderRow>(
    `WITH o AS (
       INSERT INTO orders (number, ${names.join(', ')})
       VALUES (nextval('${orderNumberSequence(ctx.store.id)}'), ${placeholders.join(', ')})
       RETURNING ${ORDER_COLUMNS}),
     l AS (
       INSERT INTO order_lines (id, store_id, order_id, position, sku, name, quantity, unit_price_minor, total_minor)
       SELECT * FROM unnest(${$(lines.map(() => newId('oln')))}::text[], ${$(lines.map(() => ctx.store.id))}::text[],
         ${$(lines.map(() => f.id))}::text[], ${$(lines.map((_, i) => i + 1))}::int[], ${$(lines.map((l) => l.sku))}::text[],
         ${$(lines.map((l) => l.name))}::text[], ${$(lines.map((l) => l.quantity))}::int[],
         ${$(lines.map((l) => l.unitMinor.toString()))}::bigint[], ${$(lines.map((l) => l.totalMinor.toString()))}::bigint[])),
     e AS (
       INSERT INTO events (id, store_id, type, subject_id, actor, data, created_at)
       SELECT ev.id, ${$(ctx.store.id)}, ev.type, o.id, ${$(JSON.stringify(ctx.actor))}::jsonb,
              ev.data::jsonb || jsonb_build_object('number', o.number), o.created_at
         FROM o, unnest(${$(events.map(() => newId('evt')))}::text[], ${$(events.map((e) => e[0]))}::text[],
                        ${$(events.map((e) => JSON.stringify(e[1])))}::text[]) AS ev(id, type, data))
     SELECT * FROM o`,
    params,
  );
  return orderView(row, lines.map((l) => ({
    sku: l.sku, name: l.name, quantity: l.quantity, unit_price_minor: l.unitMinor.toString(), total_minor: l.totalMinor.toString(),
  })));
}
