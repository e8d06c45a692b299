import type { Ctx } from '../../platform/context.ts';
import type { DomainEvent } from '../../platform/jobs.ts';
import type { Services } from '../../platform/services.ts';
import { getOrder } from '../orders/index.ts';
import { storeCtx } from '../stores/index.ts';
import { cancelByCustomer, confirmByCustomer } from './answers.ts';
import { lockRow } from './cascade-row.ts';
import { closeFromOrder } from './close-cascade.ts';
import { runSteps, type StepEnv, type StepTimer } from './run-steps.ts';
import { startCascade } from './start-cascade.ts';
import { isOpen } from './states.ts';

const STEP_QUEUE = 'verification.step';
const system = { type: 'system' as const, id: 'confirmation' };

/**
 * The cascade's background work. Timers are pg-boss jobs scheduled in the transaction of the
 * step before; everything else reacts to events: a new order, a failed message, a reply, the
 * merchant settling the order, a new phone number.
 */
export async function startVerificationWorkers(services: Services): Promise<() => void> {
  const jobs = services.jobs!;
  const env: StepEnv = {
    // Read when used: the server learns its real address only once it listens.
    get publicUrl() {
      return services.config.publicUrl;
    },
    async schedule(ctx, timers) {
      await jobs.sendMany(
        timers.map((t) => ({
          name: STEP_QUEUE, data: { store_id: ctx.store.id, order_id: t.order_id, round: t.round, step: t.step },
          startAfter: t.at, retryLimit: 5, retryDelay: 5, retryBackoff: true,
        })),
        { tx: ctx.db },
      );
    },
  };
  const inTx = async <T>(storeId: string, run: (ctx: Ctx) => Promise<T>): Promise<T> => {
    const base = await storeCtx(services, storeId, system);
    return services.db.transaction((tx) => run({ ...base, db: tx }));
  };
  const step = (storeId: string, t: Omit<StepTimer, 'at'>) => inTx(storeId, (ctx) => runSteps(ctx, [t], env));

  await jobs.onEvent('order.placed', 'verification.start', (e) =>
    inTx(e.store_id, async (ctx) => {
      const timer = await startCascade(ctx, e.subject_id!);
      if (timer) await env.schedule(ctx, [timer]);
    }),
  );
  // Timers fall due in bursts (a sale's orders, four hours later): each fetch takes up to 500
  // and runs them set-wise, one transaction per store; a due timer waits at most ~0.2 s.
  await jobs.onJobBatch<{ store_id: string; order_id: string; round: number; step: number }>(
    STEP_QUEUE,
    async (batch) => {
      // (Map.groupBy is Node 21+.)
      const byStore = new Map<string, typeof batch>();
      for (const j of batch) byStore.set(j.store_id, [...(byStore.get(j.store_id) ?? []), j]);
      for (const [storeId, timers] of byStore) await inTx(storeId, (ctx) => runSteps(ctx, timers, env));
    },
    { batchSize: 500, workers: 2, pollSeconds: 0.5 },
  );

  // A message that could not be sent (after its retries) or that the provider reports failed
  // moves the cascade on to the next channel now, instead of after the step's delay.
  await jobs.onEvent('message.failed', 'verification.message-failed', async (e) => {
    const [tag, orderId, round, index] = String(e.data.dedupe_key ?? '').split(':');
    if (tag !== 'ver' || !orderId) return;
    await step(e.store_id, { order_id: orderId, round: Number(round), step: Number(index) + 1 });
  });

  await jobs.onEvent('message.replied', 'verification.reply', (e) => applyReply(services, e));

  const close = (e: DomainEvent) =>
    inTx(e.store_id, async (ctx) => {
      const row = await lockRow(ctx, e.subject_id!);
      if (row && isOpen(row.status)) await closeFromOrder(ctx, row, await getOrder(ctx, row.order_id));
    });
  await jobs.onEvent('order.confirmed', 'verification.order-confirmed', close);
  await jobs.onEvent('order.cancelled', 'verification.order-cancelled', close);

  await jobs.onEvent('verification.restarted', 'verification.restart', (e) =>
    inTx(e.store_id, (ctx) => env.schedule(ctx, [{ order_id: e.subject_id!, round: Number(e.data.round), step: 0, at: new Date(String(e.data.next_step_at)) }])),
  );

  // A timer lost on the way (a queue emptied by hand, a restore) is found by its due time.
  const sweep = setInterval(() => void rescheduleLate(services, env).catch((err) => services.log.error({ err }, 'cascade sweep failed')), 60_000);
  sweep.unref();
  return () => clearInterval(sweep);
}

/** A WhatsApp "confirm"/"cancel" (button or words) for the first of the candidate orders still waiting. */
async function applyReply(services: Services, e: DomainEvent) {
  const intent = e.data.intent;
  if (intent !== 'confirm' && intent !== 'cancel') return;
  const candidates = (e.data.candidate_order_ids as string[] | undefined) ?? [e.subject_id!];
  const base = await storeCtx(services, e.store_id, { type: 'customer', id: String(e.data.from ?? 'whatsapp') });
  for (const orderId of candidates) {
    const done = await services.db.transaction(async (tx) => {
      const ctx = { ...base, db: tx };
      const row = await lockRow(ctx, orderId);
      if (!row || !isOpen(row.status)) return false;
      if (intent === 'confirm') return (await confirmByCustomer(ctx, orderId, 'whatsapp_reply')) === 'confirmed';
      return (await cancelByCustomer(ctx, orderId, 'whatsapp_reply', 'cancelled by the customer on WhatsApp')) === 'cancelled';
    });
    if (done) return;
  }
}

async function rescheduleLate(services: Services, env: StepEnv) {
  const late = await services.db.query<{ store_id: string; order_id: string; round: number; step: number }>(
    `SELECT store_id, order_id, round, step FROM verifications
      WHERE next_step_at < now() - interval '2 minutes' AND status IN ('pending', 'awaiting_customer') LIMIT 500`,
  );
  for (const r of late) {
    await services.db.transaction(async (tx) => {
      const ctx = { ...(await storeCtx(services, r.store_id, system)), db: tx };
      await env.schedule(ctx, [{ order_id: r.order_id, round: r.round, step: r.step + 1, at: new Date() }]);
    });
  }
}
