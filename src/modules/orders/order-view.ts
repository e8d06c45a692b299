import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { fromMinor } from '../../platform/money.ts';

/** The columns every read of an order selects. */
export const ORDER_COLUMNS = `id, number, external_id, source, status, hold_reasons, payment_method, payment_status,
  fulfillment_status, verification, risk, customer_id, customer_name, customer_phone, customer_phone_e164,
  customer_email, customer_email_canonical, customer_language, shipping_address, currency, subtotal_minor, shipping_minor,
  discount_minor, tax_minor, total_minor, delivery, note, notes, outcome, imported, placed_at, created_at, updated_at`;

export interface OrderRow {
  id: string;
  number: string;
  external_id: string | null;
  source: string;
  status: string;
  hold_reasons: unknown[];
  payment_method: string;
  payment_status: string;
  fulfillment_status: string;
  verification: Record<string, unknown>;
  risk: Record<string, unknown>;
  customer_id: string;
  customer_name: string;
  customer_phone: string | null;
  customer_phone_e164: string | null;
  customer_email: string | null;
  customer_email_canonical: string | null;
  customer_language: string | null;
  shipping_address: Record<string, unknown>;
  currency: string;
  subtotal_minor: string;
  shipping_minor: string;
  discount_minor: string;
  tax_minor: string;
  total_minor: string;
  delivery: Record<string, unknown> | null;
  note: string | null;
  notes: OrderNote[];
  outcome: string | null;
  imported: boolean;
  placed_at: Date;
  created_at: Date;
  updated_at: Date;
}

/** An agent's note (`agent-notes.ts`), oldest first; `gift` is what they promised to pack. */
export interface OrderNote {
  id: string;
  text: string;
  gift: { description: string; sku: string | null } | null;
  by: Record<string, unknown>;
  at: string;
}

export interface LineRow {
  sku: string;
  name: string | null;
  quantity: number;
  unit_price_minor: string;
  total_minor: string;
}

export function orderView(o: OrderRow, lines: LineRow[]) {
  const money = (v: string | bigint) => fromMinor(v, o.currency);
  return {
    id: o.id,
    number: Number(o.number),
    external_id: o.external_id,
    source: o.source,
    status: o.status,
    hold_reasons: o.hold_reasons,
    payment_status: o.payment_status,
    fulfillment_status: o.fulfillment_status,
    verification: o.verification,
    risk: o.risk,
    customer: {
      id: o.customer_id,
      name: o.customer_name,
      phone: o.customer_phone,
      phone_e164: o.customer_phone_e164,
      email: o.customer_email,
      email_canonical: o.customer_email_canonical,
      language: o.customer_language,
    },
    shipping_address: o.shipping_address,
    lines: lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      unit_price: money(l.unit_price_minor),
      total: money(l.total_minor),
    })),
    totals: {
      subtotal: money(o.subtotal_minor),
      shipping: money(o.shipping_minor),
      discount: money(o.discount_minor),
      tax: money(o.tax_minor),
      total: money(o.total_minor),
      currency: o.currency,
    },
    payment: { method: o.payment_method, status: o.payment_status },
    delivery: o.delivery,
    note: o.note,
    notes: o.notes,
    outcome: o.outcome,
    placed_at: o.placed_at,
    created_at: o.created_at,
    updated_at: o.updated_at,
  };
}

export type OrderView = ReturnType<typeof orderView>;

export async function loadOrderRow(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<OrderRow> {
  const [row] = await ctx.db.query<OrderRow>(
    `SELECT ${ORDER_COLUMNS} FROM orders WHERE store_id = $1 AND id = $2${opts.forUpdate ? ' FOR UPDATE' : ''}`,
    [ctx.store.id, id],
  );
  if (!row) throw notFound(`Order ${id}`);
  return row;
}

export async function loadLines(ctx: Ctx, orderIds: string[]): Promise<Map<string, LineRow[]>> {
  const rows = await ctx.db.query<LineRow & { order_id: string }>(
    `SELECT order_id, sku, name, quantity, unit_price_minor, total_minor FROM order_lines
      WHERE store_id = $1 AND order_id = ANY($2) ORDER BY order_id, position`,
    [ctx.store.id, orderIds],
  );
  const byOrder = new Map<string, LineRow[]>();
  for (const r of rows) {
    const list = byOrder.get(r.order_id) ?? [];
    list.push(r);
    byOrder.set(r.order_id, list);
  }
  return byOrder;
}

/** Several orders by id, in two round trips; missing ids are simply absent from the map. */
export async function getOrders(ctx: Ctx, ids: string[]): Promise<Map<string, OrderView>> {
  if (!ids.length) return new Map();
  const rows = await ctx.db.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE store_id = $1 AND id = ANY($2)`, [ctx.store.id, ids]);
  const lines = await loadLines(ctx, ids);
  return new Map(rows.map((r) => [r.id, orderView(r, lines.get(r.id) ?? [])]));
}

export async function getOrder(ctx: Ctx, id: string): Promise<OrderView> {
  const row = await loadOrderRow(ctx, id);
  const lines = await loadLines(ctx, [id]);
  return orderView(row, lines.get(id) ?? []);
}
