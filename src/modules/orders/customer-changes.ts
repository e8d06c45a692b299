import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { addressKey, normalizePhone } from '../customers/index.ts';
import { getOrder, loadOrderRow, type OrderRow } from './order-view.ts';
import type { OrderInput } from './order-input.ts';

/**
 * What the customer (or an agent on the phone with them) may change before the parcel leaves:
 * the delivery window, the address, the phone. Each is on the timeline with the old value.
 */
const CHANGEABLE = ['pending', 'on_hold', 'confirmed'];

async function changeable(ctx: Ctx, id: string): Promise<OrderRow> {
  const order = await loadOrderRow(ctx, id, { forUpdate: true });
  if (!CHANGEABLE.includes(order.status)) {
    throw conflict('order_moved_on', `An order that is ${order.status} can no longer be changed`, [{ path: 'status', message: order.status }]);
  }
  return order;
}

export interface DeliveryWindow {
  date: string;
  from: string;
  to: string;
}

export async function chooseDeliveryWindow(ctx: Ctx, id: string, window: DeliveryWindow) {
  const order = await changeable(ctx, id);
  const slot = { date: window.date, from: window.from, to: window.to };
  const delivery = { ...(order.delivery ?? {}), window: `${slot.date} ${slot.from}-${slot.to}`, window_slot: slot };
  await ctx.db.query(`UPDATE orders SET delivery = $3, updated_at = $4 WHERE store_id = $1 AND id = $2`, [
    ctx.store.id, id, JSON.stringify(delivery), ctx.now(),
  ]);
  await recordEvent(ctx, 'order.delivery_window_chosen', id, { window: slot, previous: order.delivery?.window ?? null });
  return getOrder(ctx, id);
}

type Address = Omit<OrderInput['shipping_address'], 'country'> & { country?: string };

export async function correctAddress(ctx: Ctx, id: string, address: Address) {
  const order = await changeable(ctx, id);
  const next = { ...order.shipping_address, ...address };
  await ctx.db.query(`UPDATE orders SET shipping_address = $3, address_key = $4, updated_at = $5 WHERE store_id = $1 AND id = $2`, [
    ctx.store.id, id, JSON.stringify(next), addressKey(next as OrderInput['shipping_address']), ctx.now(),
  ]);
  await recordEvent(ctx, 'order.address_corrected', id, { address: next, previous: order.shipping_address });
  return getOrder(ctx, id);
}

/**
 * A new phone number for the order: it must be a mobile number we can text, since its only
 * use here is to confirm again. Returns the order with the number in E.164.
 */
export async function changeCustomerPhone(ctx: Ctx, id: string, phone: string) {
  const order = await changeable(ctx, id);
  const country = String(order.shipping_address.country ?? ctx.store.country);
  const n = normalizePhone(phone, [country, ctx.store.country]);
  if (!n.valid || !n.e164) throw unprocessable('phone is not a valid phone number', [{ path: 'phone', message: 'is not a valid phone number' }], 'invalid_phone');
  if (n.type === 'fixed_line') throw unprocessable('phone is a landline', [{ path: 'phone', message: 'is a landline; give a mobile number' }], 'invalid_phone');
  await ctx.db.query(`UPDATE orders SET customer_phone = $3, customer_phone_e164 = $4, updated_at = $5 WHERE store_id = $1 AND id = $2`, [
    ctx.store.id, id, phone, n.e164, ctx.now(),
  ]);
  await recordEvent(ctx, 'order.phone_changed', id, { phone: n.e164, previous: order.customer_phone_e164 });
  return getOrder(ctx, id);
}
