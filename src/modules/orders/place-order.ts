import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { knownSkus } from '../catalog/index.ts';
import { recognizeCustomer } from '../customers/index.ts';
import { reserveStock, type Shortage } from '../inventory/index.ts';
import { assessIntake } from '../risk/index.ts';
import { orderNumberSequence } from '../stores/index.ts';
import { ORDER_COLUMNS, orderView, type OrderRow, type OrderView } from './order-view.ts';
import type { HoldReason, PreparedOrder } from './prepare-order.ts';
import { writeLines } from './write-lines.ts';

export interface PlaceOptions {
  /** Storefront orders are already sold: stock and catalog problems hold them instead of refusing. */
  lenient: boolean;
  source: string;
}

/**
 * Write a prepared order in the caller's transaction: recognise the customer, reserve the
 * stock, write the order, its lines and its first events. On PostgreSQL and PGlite alike the
 * order and its reservation commit together or not at all.
 */
export async function placeOrder(ctx: Ctx, p: PreparedOrder, opts: PlaceOptions): Promise<OrderView> {
  const input = p.input;
  if (input.external_id && !opts.lenient) {
    const [dup] = await ctx.db.query<{ id: string }>(
      `SELECT id FROM orders WHERE store_id = $1 AND source = $2 AND external_id = $3`,
      [ctx.store.id, opts.source, input.external_id],
    );
    if (dup) {
      throw conflict('duplicate_external_id', `Order ${input.external_id} from ${opts.source} already exists as ${dup.id}`, [
        { path: 'external_id', message: 'an order with this external_id already exists', order_id: dup.id },
      ]);
    }
  }

  const orderId = newId('ord');
  const customer = await recognizeCustomer(ctx, { name: input.customer.name, phone: p.phone, email: p.email });
  const holds: HoldReason[] = [...p.holds];
  const shortages = await reserveStock(ctx, orderId, p.lines);
  if (shortages.length) holds.push(...(await explainShortages(ctx, shortages, opts.lenient)));

  const paid = input.payment.method === 'online' && input.payment.status === 'paid';
  const verification = { status: paid ? 'not_required' : 'pending' };
  const status = holds.length ? 'on_hold' : paid ? 'confirmed' : 'pending';
  const risk = assessIntake({ phoneValid: p.phone.valid, phoneType: p.phone.type }, ctx.store.locale);
  const now = ctx.now();

  const [row] = await ctx.db.query<OrderRow>(
    `INSERT INTO orders (id, store_id, number, external_id, source, status, hold_reasons, payment_method, payment_status,
       fulfillment_status, verification, risk, customer_id, customer_name, customer_phone, customer_phone_e164,
       customer_email, customer_email_canonical, shipping_address, address_key, currency, subtotal_minor, shipping_minor,
       discount_minor, tax_minor, total_minor, delivery, note, client, placed_at, created_at, updated_at)
     VALUES ($1, $2, nextval('${orderNumberSequence(ctx.store.id)}'), $3, $4, $5, $6, $7, $8, 'unfulfilled', $9, $10, $11,
       $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $28, $28)
     RETURNING ${ORDER_COLUMNS}`,
    [orderId, ctx.store.id, input.external_id ?? null, opts.source, status, JSON.stringify(holds), input.payment.method,
      paid ? 'paid' : 'pending', JSON.stringify(verification), JSON.stringify({ ...risk, reasons: risk.reasons }),
      customer.id, input.customer.name, input.customer.phone, p.phone.e164, p.email?.raw ?? null, p.email?.canonical ?? null,
      JSON.stringify(input.shipping_address), p.addressKey, input.currency, p.subtotal.toString(), p.shipping.toString(),
      p.discount.toString(), p.tax.toString(), p.total.toString(), input.delivery ? JSON.stringify(input.delivery) : null,
      input.note ?? null, input.client ? JSON.stringify(input.client) : null, now],
  );
  const lineRows = await writeLines(ctx, orderId, p.lines);

  await recordEvent(ctx, 'order.placed', orderId, {
    number: Number(row.number), source: opts.source, status, customer_id: customer.id, new_customer: customer.isNew,
    total: String(row.total_minor), currency: input.currency, payment_method: input.payment.method,
  });
  if (!shortages.length) await recordEvent(ctx, 'stock.reserved', orderId, { lines: p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) });
  if (holds.length) await recordEvent(ctx, 'order.held', orderId, { reasons: holds });
  return orderView(row, lineRows);
}

/**
 * Name the problem precisely: a SKU nobody ever set up is a different mistake from one that
 * ran out. An API client gets the error; a storefront order gets the reasons as its hold.
 */
async function explainShortages(ctx: Ctx, shortages: Shortage[], lenient: boolean): Promise<HoldReason[]> {
  const skus = shortages.map((s) => s.sku);
  const known = await knownSkus(ctx, skus);
  const unknown = skus.filter((s) => !known.has(s));
  const missing = shortages.filter((s) => known.has(s.sku));
  if (!lenient) {
    if (unknown.length) {
      throw unprocessable(`Unknown SKU: ${unknown.join(', ')}`, unknown.map((sku) => ({ path: 'lines', message: `unknown SKU ${sku}`, sku })), 'unknown_sku');
    }
    throw conflict('out_of_stock', `Not enough stock for ${missing.map((s) => s.sku).join(', ')}`, missing.map((s) => ({
      path: 'lines', message: `${s.sku}: ${s.requested} requested, ${s.available} available`, sku: s.sku, requested: s.requested, available: s.available,
    })));
  }
  const reasons: HoldReason[] = [];
  if (unknown.length) reasons.push({ code: 'unknown_sku', message: `Unknown SKU: ${unknown.join(', ')}`, skus: unknown });
  if (missing.length) {
    reasons.push({ code: 'out_of_stock', message: `Not enough stock for ${missing.map((s) => `${s.sku} (${s.requested} ordered, ${s.available} available)`).join(', ')}`, skus: missing.map((s) => s.sku) });
  }
  return reasons;
}
