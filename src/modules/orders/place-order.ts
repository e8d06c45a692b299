import type { Ctx } from '../../platform/context.ts';
import type { TransactionOptions } from '../../platform/db.ts';
import { fromMinor } from '../../platform/money.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { knownSkus } from '../catalog/index.ts';
import { INTAKE_ADDRESSES, joinSameKeys, linkSettings, recognizeCustomer } from '../customers/index.ts';
import { reserveStock, type Shortage } from '../inventory/index.ts';
import type { RiskAssessment } from '../risk/index.ts';
import { assessOrderRisk, riskSettings } from './assess-risk.ts';
import { AppError } from '../../platform/errors.ts';
import { verificationSettings } from '../stores/index.ts';
import type { OrderView } from './order-view.ts';
import type { HoldReason, PreparedOrder } from './prepare-order.ts';
import { writeOrder } from './write-order.ts';

/**
 * How the transaction that places an order runs: every intake statement reads by equality on
 * an index, so the plan each connection keeps is right for any order, and planning customer
 * analysis afresh for each order would cost more than running it (bench/plans-intake.ts).
 */
export const INTAKE_TRANSACTION: TransactionOptions = { cachedPlans: true };

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
  // A second order with the same source and external_id is refused by the unique index
  // `orders_external` (409 duplicate_external_id), also when two arrive at the same moment.
  const orderId = newId('ord');
  const customer = await recognizeCustomer(ctx, { name: input.customer.name, phone: p.phone, email: p.email });
  // The identity graph: records that share the phone or email are one person from now on
  // (the address is recorded, and the person read, by the analysis below).
  const links = linkSettings(ctx.store);
  await joinSameKeys(ctx, customer.id, customer.sameKeysAs, links);
  const holds: HoldReason[] = [...p.holds];
  const shortages = await reserveStock(ctx, orderId, p.lines);
  if (shortages.length) holds.push(...(await explainShortages(ctx, shortages, opts.lenient)));

  const paid = input.payment.method === 'online' && input.payment.status === 'paid';
  const { auto_confirm_after: autoConfirmAfter } = verificationSettings(ctx.store);
  const risk = await assessOrderRisk(ctx, {
    orderId: null, person: { customerId: customer.id, recordAddress: p.addressKey, links: { ...links, addresses: INTAKE_ADDRESSES } }, phone: { ...p.phone, raw: input.customer.phone }, email: p.email?.canonical ?? null,
    ip: p.clientIp, address: input.shipping_address, addressKey: p.addressKey, skus: p.lines.map((l) => l.sku),
    units: p.lines.reduce((n, l) => n + l.quantity, 0), totalMinor: p.total, currency: input.currency, at: ctx.now(),
  }, autoConfirmAfter);
  const storeRisk = riskSettings(ctx.store);
  if (risk.recommendation === 'block' && !opts.lenient) {
    // Refused with the store's own words; nothing of the order is kept (the transaction rolls back).
    const words = storeRisk.block_message?.[ctx.store.locale === 'en' ? 'en' : 'ar'];
    throw new AppError(403, 'order_blocked', words ?? 'This order cannot be accepted. Please contact the store.', [{ path: 'customer', message: 'is on the store\'s blocklist' }]);
  }
  holds.push(...riskHolds(risk));
  const prepayment = risk.recommendation === 'require_prepayment' ? askedUpFront(p.total, input.currency, storeRisk.deposit_percent ?? 100) : null;
  const auto = !paid && risk.recommendation === 'auto_confirm';
  const verification = paid ? { status: 'not_required' } : auto ? { status: 'auto_confirmed', reason: risk.reasons.some((r) => r.code === 'allowlisted') ? 'allowlisted' : 'good_customer' } : { status: 'pending' };
  const status = holds.length ? 'on_hold' : paid || auto ? 'confirmed' : 'pending';
  return writeOrder(ctx, p, {
    id: orderId, source: opts.source, status, holds, paymentStatus: paid ? 'paid' : 'pending',
    fulfillmentStatus: 'unfulfilled', verification, risk: prepayment ? { ...risk, prepayment } : risk, customerId: customer.id, placedAt: ctx.now(),
    events: [
      ['order.placed', {
        source: opts.source, status, customer_id: customer.id, new_customer: customer.isNew,
        total: fromMinor(p.total, input.currency), currency: input.currency, payment_method: input.payment.method,
      }],
      // The automatic decision, with the reasons behind it, on the timeline.
      ['risk.assessed', {
        level: risk.level, score: risk.score, recommendation: risk.recommendation, reasons: risk.reasons.map((r) => r.code),
        decision: auto ? 'auto_confirmed' : DECISIONS[risk.recommendation], ...(prepayment ? { prepayment } : {}),
      }],
      ...(shortages.length ? [] : [['stock.reserved', { lines: p.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) }] as const]),
      ...(holds.length ? [['order.held', { reasons: holds }] as const] : []),
      ...(auto && !holds.length ? [['order.confirmed', { from: 'pending', auto: true, reasons: risk.reasons.map((r) => r.code) }] as const] : []),
    ],
  });
}

const DECISIONS: Record<string, string> = { block: 'held_blocked', hold: 'held_for_review', require_prepayment: 'prepayment_requested', verify: 'confirmation', auto_confirm: 'confirmation' };

/** The whole order, or the store's deposit share of it, asked before the order goes on. */
function askedUpFront(total: bigint, currency: string, percent: number) {
  const minor = (total * BigInt(percent) + 99n) / 100n;
  return { amount: fromMinor(minor, currency), currency, percent, kind: percent >= 100 ? 'full' : 'deposit' };
}

/**
 * What the risk recommendation does to a new order: `hold` and `require_prepayment` keep it
 * from going on until a person has looked (or the customer has paid); a storefront order that
 * is blocked is held too, since a storefront order is never refused.
 */
function riskHolds(risk: RiskAssessment): HoldReason[] {
  const why = risk.reasons.filter((r) => r.weight > 0).map((r) => r.message).join(' ');
  if (risk.recommendation === 'block') return [{ code: 'blocked', message: why }];
  if (risk.recommendation === 'hold') return [{ code: 'risk_review', message: why }];
  if (risk.recommendation === 'require_prepayment') return [{ code: 'prepayment_required', message: why }];
  return [];
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
