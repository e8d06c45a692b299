import type { Ctx } from '../../platform/context.ts';
import type { DomainEvent } from '../../platform/jobs.ts';
import type { Services } from '../../platform/services.ts';
import { AppError } from '../../platform/errors.ts';
import { tagCustomer } from '../customers/index.ts';
import { measuredSince } from '../risk/index.ts';
import { storeCtx } from '../stores/index.ts';
import { releaseOrder } from './change-status.ts';
import { measureStore } from './measure-store.ts';
import { loadOrderRow } from './order-view.ts';
import { reassessCustomerOrders } from './reassess-risk.ts';

const system = { type: 'system' as const, id: 'customer-analysis' };
const HOUR = 3_600_000;

/**
 * Customer analysis in the background: a person's open orders are judged again when their
 * history changes; a ghost lands its customer in the ghost box and an auto-confirmed good
 * customer gets the `good` tag; an order held for prepayment goes on once it is paid; and every
 * hour each store's usual order and area refusal rates are measured again.
 */
export async function startOrderWorkers(services: Services): Promise<() => void> {
  const jobs = services.jobs!;
  const inTx = async <T>(e: DomainEvent, run: (ctx: Ctx) => Promise<T>): Promise<T> => {
    const base = await storeCtx(services, e.store_id, system);
    return services.db.transaction((tx) => run({ ...base, db: tx }));
  };
  const customerOf = (e: DomainEvent) => String(e.data.customer_id ?? '');
  // An automatic tag never fails the event: a customer the store gave twenty tags keeps them.
  const autoTag = (ctx: Ctx, customerId: string, tag: string) =>
    tagCustomer(ctx, customerId, tag).catch((err) => {
      if (!(err instanceof AppError)) throw err;
      ctx.log.info({ customerId, tag, code: err.code }, 'automatic tag not added');
    });

  await jobs.onEvent('order.cancelled', 'orders.history-changed', (e) =>
    inTx(e, async (ctx) => {
      const order = await loadOrderRow(ctx, e.subject_id!);
      if (order.verification.status === 'ghost') await autoTag(ctx, order.customer_id, 'ghost_box');
      await reassessCustomerOrders(ctx, order.customer_id, order.id);
    }),
  );
  await jobs.onEvent('order.imported', 'orders.history-imported', (e) =>
    inTx(e, async (ctx) => {
      if (e.data.outcome === 'ghost') await autoTag(ctx, customerOf(e), 'ghost_box');
      await reassessCustomerOrders(ctx, customerOf(e), e.subject_id!);
    }),
  );
  await jobs.onEvent('order.confirmed', 'orders.good-customer', async (e) => {
    const reasons = (e.data.reasons as string[] | undefined) ?? [];
    if (!e.data.auto || !reasons.includes('good_customer')) return;
    await inTx(e, async (ctx) => autoTag(ctx, (await loadOrderRow(ctx, e.subject_id!)).customer_id, 'good'));
  });
  await jobs.onEvent('order.paid', 'orders.prepayment-received', (e) =>
    inTx(e, async (ctx) => {
      const order = await loadOrderRow(ctx, e.subject_id!);
      const holds = order.hold_reasons as { code?: string }[];
      if (order.status === 'on_hold' && holds.length && holds.every((h) => h.code === 'prepayment_required')) {
        await releaseOrder(ctx, order.id, 'paid up front');
      }
    }),
  );

  const measureAll = async () => {
    const stores = await services.db.query<{ id: string }>(`SELECT id FROM stores ORDER BY id`);
    for (const s of stores) {
      const base = await storeCtx(services, s.id, system);
      // Every serve and worker process runs this timer: the first one each hour measures, the
      // others (and a restart) find it done; on a big store the measure scans months of orders.
      if (await measuredSince(base, new Date(Date.now() - HOUR + 60_000))) continue;
      // One transaction: intake never sees the areas half replaced.
      await services.db.transaction((tx) => measureStore({ ...base, db: tx }));
    }
  };
  const run = () => void measureAll().catch((err) => services.log.error({ err }, 'measuring stores for customer analysis failed'));
  const first = setTimeout(run, 5_000);
  const hourly = setInterval(run, HOUR);
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
  };
}
