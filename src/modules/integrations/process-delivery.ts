import type { Ctx } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { recordEvent } from '../../platform/events.ts';
import { AppError } from '../../platform/errors.ts';
import { storableCopy } from '../../platform/text-safety.ts';
import { cancelOrder, INTAKE_TRANSACTION, orderInput, placeOrder, prepareOrder } from '../orders/index.ts';
import { fillGaps } from './fill-gaps.ts';
import { storefronts, type StorefrontName } from './storefronts/index.ts';

interface DeliveryRow {
  id: string;
  platform: StorefrontName;
  topic: string;
  external_id: string | null;
  headers: Record<string, string>;
  body: string;
  attempts: number;
}

/**
 * Turn one stored delivery into its effect on the order, once: the first delivery of an
 * order creates it (never refused for stock: problems put it on hold), a later one records a
 * payment or a cancellation. Deliveries for one platform order are processed one at a time
 * (advisory lock), so "created" and "updated" arriving together make one order.
 * Returns false when the delivery was already done or another process has it.
 */
export async function processDelivery(db: Database, base: Omit<Ctx, 'db'>, deliveryId: string): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      const ctx: Ctx = { ...base, db: tx, actor: { type: 'storefront', id: deliveryId } };
      const [d] = await tx.query<DeliveryRow>(
        `SELECT id, platform, topic, external_id, headers, body, attempts FROM webhook_deliveries
          WHERE store_id = $1 AND id = $2 AND processed_at IS NULL FOR UPDATE SKIP LOCKED`,
        [ctx.store.id, deliveryId],
      );
      if (!d) return false;
      ctx.actor = { type: 'storefront', id: deliveryId, name: d.platform };
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${ctx.store.id}:${d.platform}:${d.external_id}`]);
      const orderId = await apply(ctx, d);
      await tx.query(`UPDATE webhook_deliveries SET processed_at = now(), attempts = attempts + 1, last_error = NULL, order_id = $3
                       WHERE store_id = $1 AND id = $2`, [ctx.store.id, d.id, orderId]);
      return true;
    }, INTAKE_TRANSACTION);
  } catch (err) {
    // Kept for the sweep to retry, with the reason visible to whoever looks at the delivery.
    const message = err instanceof Error ? err.message : String(err);
    await db.query(`UPDATE webhook_deliveries SET attempts = attempts + 1, last_error = $3 WHERE store_id = $1 AND id = $2`, [
      base.store.id, deliveryId, message.slice(0, 1000),
    ]);
    if (!(err instanceof AppError)) base.log.error({ err, deliveryId }, 'storefront delivery failed; will retry');
    return false;
  }
}

async function apply(ctx: Ctx, d: DeliveryRow): Promise<string | null> {
  const event = storefronts[d.platform].parse(Buffer.from(d.body, 'utf8'), d.headers);
  const [existing] = d.external_id
    ? await ctx.db.query<{ id: string; status: string; payment_status: string }>(
        `SELECT id, status, payment_status FROM orders WHERE store_id = $1 AND source = $2 AND external_id = $3 FOR UPDATE`,
        [ctx.store.id, d.platform, d.external_id],
      )
    : [];

  if (event.kind === 'cancel' || event.cancelled) {
    if (existing && existing.status !== 'cancelled') await cancelOrder(ctx, existing.id, event.reason ?? `cancelled in ${d.platform}`);
    return existing?.id ?? null;
  }
  if (event.kind !== 'order' || !event.order) return existing?.id ?? null;

  if (existing) {
    if (event.paid && existing.payment_status !== 'paid') {
      await ctx.db.query(`UPDATE orders SET payment_status = 'paid', updated_at = now() WHERE store_id = $1 AND id = $2`, [ctx.store.id, existing.id]);
      await recordEvent(ctx, 'order.paid', existing.id, { by: d.platform, topic: d.topic });
    }
    return existing.id;
  }
  const draft = storableCopy({ ...event.order, source: d.platform, external_id: d.external_id });
  if (event.paid) draft.payment = { ...draft.payment, status: 'paid' };
  const parsed = orderInput.safeParse(draft);
  let input = parsed.success ? parsed.data : null;
  let gapHold = null;
  if (!parsed.success) {
    const filled = fillGaps(draft, ctx.store);
    if (!filled) {
      const issue = parsed.error.issues[0];
      throw new AppError(422, 'incomplete_storefront_order', `The ${d.platform} order is missing ${issue.path.join('.')}: ${issue.message}`);
    }
    input = filled.input;
    gapHold = filled.hold;
  }
  const prepared = prepareOrder(ctx.store, input!, { lenient: true });
  if (gapHold) prepared.holds.push(gapHold);
  const order = await placeOrder(ctx, prepared, { lenient: true, source: d.platform });
  return order.id;
}

/** Deliveries not yet done (a crash after the 2xx, a failure): retried oldest first. */
export async function pendingDeliveries(db: Database, limit = 50) {
  return db.query<{ id: string; store_id: string }>(
    `SELECT id, store_id FROM webhook_deliveries WHERE processed_at IS NULL AND attempts < 20
      AND received_at < now() - make_interval(secs => LEAST(attempts * attempts * 5, 3600))
      ORDER BY received_at LIMIT $1`,
    [limit],
  );
}
