import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { linkCustomer, linkSettings, recognizeCustomer } from '../customers/index.ts';
import { assessIntake } from '../risk/index.ts';
import { orderInput } from './order-input.ts';
import { prepareOrder } from './prepare-order.ts';
import { writeOrder } from './write-order.ts';

/**
 * Past orders with their final outcome, to feed customer analysis. No stock is touched and no
 * message is sent. Each order stands alone: a bad row is reported and the others go in; an
 * order already imported (same source and external_id) is reported as a duplicate.
 */
export const OUTCOMES = ['delivered', 'refused', 'returned', 'ghost', 'cancelled'] as const;
type Outcome = (typeof OUTCOMES)[number];

export const importedOrder = orderInput.extend({
  // History, not the future; and within what both databases store.
  placed_at: z.coerce
    .date({ error: 'must be a date such as 2026-01-31T10:00:00Z' })
    .refine((d) => d.getTime() >= Date.UTC(1990, 0, 1) && d.getTime() <= Date.now() + 86_400_000, 'must be a date between 1990 and today'),
  outcome: z.enum(OUTCOMES),
});

export const importBody = z.object({ orders: z.array(z.unknown()).min(1).max(1000) });

// What each outcome means for the order's fields. `delivered` means delivered and paid.
const AS_STATUS: Record<Outcome, { status: string; payment: string; fulfillment: string; verification: string }> = {
  delivered: { status: 'completed', payment: 'paid', fulfillment: 'delivered', verification: 'confirmed' },
  refused: { status: 'returned', payment: 'unpaid', fulfillment: 'refused', verification: 'confirmed' },
  returned: { status: 'returned', payment: 'refunded', fulfillment: 'returned', verification: 'confirmed' },
  ghost: { status: 'cancelled', payment: 'unpaid', fulfillment: 'unfulfilled', verification: 'ghost' },
  cancelled: { status: 'cancelled', payment: 'unpaid', fulfillment: 'unfulfilled', verification: 'pending' },
};

export interface ImportResult {
  index: number;
  status: 'imported' | 'duplicate' | 'failed';
  id?: string;
  external_id?: string | null;
  error?: { code: string; message: string; details: unknown[] };
}

/** `orders[1].lines[0].quantity`: the API's path style, within the item. */
function itemPath(index: number, path: string): string {
  return `orders[${index}].${path.replace(/\.(\d+)(?=\.|$)/g, '[$1]').replace(/^(\d+)/, '[$1]')}`;
}

export async function importOrders(ctx: Ctx, items: unknown[]) {
  const results: ImportResult[] = [];
  for (const [index, item] of items.entries()) {
    const parsed = importedOrder.safeParse(item);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: itemPath(index, i.path.map(String).join('.')), message: i.message }));
      results.push({ index, status: 'failed', error: { code: 'validation_failed', message: `${details[0].path}: ${details[0].message}`, details } });
      continue;
    }
    try {
      results.push({ index, ...(await importOne(ctx, parsed.data)) });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const details = err.details.map((d) => ({ ...d, path: itemPath(index, d.path) }));
      results.push({ index, status: 'failed', error: { code: err.code, message: `orders[${index}].${err.message}`, details } });
    }
  }
  const count = (s: ImportResult['status']) => results.filter((r) => r.status === s).length;
  return { imported: count('imported'), duplicates: count('duplicate'), failed: count('failed'), results };
}

async function importOne(ctx: Ctx, input: z.infer<typeof importedOrder>): Promise<Omit<ImportResult, 'index'>> {
  const p = prepareOrder(ctx.store, input, { lenient: true });
  const source = input.source ?? 'import';
  if (input.external_id) {
    const [dup] = await ctx.db.query<{ id: string }>(
      `SELECT id FROM orders WHERE store_id = $1 AND source = $2 AND external_id = $3`,
      [ctx.store.id, source, input.external_id],
    );
    if (dup) return { status: 'duplicate', id: dup.id, external_id: input.external_id };
  }
  const meaning = AS_STATUS[input.outcome];
  const id = newId('ord');
  const customer = await recognizeCustomer(ctx, { name: input.customer.name, phone: p.phone, email: p.email });
  // History builds the identity graph too: later orders are linked through it.
  await linkCustomer(ctx, customer.id, { sameKeysAs: customer.sameKeysAs, addressKey: p.addressKey }, linkSettings(ctx.store));
  const risk = assessIntake({ phoneValid: p.phone.valid, phoneType: p.phone.type, autoConfirmAfter: 0 }, ctx.store.locale);
  await writeOrder(ctx, p, {
    id, source, status: meaning.status, holds: [], paymentStatus: meaning.payment, fulfillmentStatus: meaning.fulfillment,
    verification: { status: meaning.verification }, risk, customerId: customer.id, placedAt: input.placed_at,
    outcome: input.outcome, imported: true,
    events: [['order.imported', { outcome: input.outcome, placed_at: input.placed_at, customer_id: customer.id }]],
  });
  return { status: 'imported', id, external_id: input.external_id ?? null };
}
