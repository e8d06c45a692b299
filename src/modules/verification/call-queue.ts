import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { conflict, unprocessable } from '../../platform/errors.ts';
import { getOrder, getOrders } from '../orders/index.ts';
import { verificationSettings } from '../stores/index.ts';
import { cancelByCustomer, confirmByCustomer, markGhost } from './answers.ts';
import { ROW_COLUMNS, lockRow, moveCascade, type CascadeRow } from './cascade-row.ts';
import { closeFromOrder } from './close-cascade.ts';
import { lastCalls, type LastCall } from './last-calls.ts';

/** An agent holds an order this long after claiming it; then it goes back to the queue. */
const CLAIM_MINUTES = 15;

/**
 * The queue's order: orders waiting since the earliest hour first and, within an hour, the
 * most valuable first (a 900 SAR order placed at 10:20 comes before a 90 SAR one from 10:05).
 * Orders whose call-back time has not come yet wait.
 */
const QUEUE_ORDER = `date_trunc('hour', queued_at), total_minor DESC, queued_at, order_id`;
const READY = `status = 'call_queue' AND (call_back_at IS NULL OR call_back_at <= $2)`;

export const callQueueQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  include_waiting: z.enum(['true', 'false']).optional(),
});

function callView(row: CascadeRow, last: LastCall | null) {
  return {
    call_attempts: row.call_attempts,
    call_back_at: row.call_back_at,
    queued_at: row.queued_at,
    claimed_by: row.claimed_by,
    claimed_until: row.claimed_until,
    last_call: last,
  };
}

const lastCallOf = async (ctx: Ctx, orderId: string) => (await lastCalls(ctx, [orderId])).get(orderId) ?? null;

/**
 * The queue, next first, with the last call of each order and the counts an agent's screen
 * shows: `ready` (due and nobody calling), `in_call` (an agent holds it), `scheduled` (its
 * call-back time has not come), `call_backs_due` (ready again after a call-back or no answer).
 */
export async function listCallQueue(ctx: Ctx, q: z.infer<typeof callQueueQuery>) {
  const ready = q.include_waiting === 'true' ? `status = 'call_queue' AND $2::timestamptz IS NOT NULL` : READY;
  const rows = await ctx.db.query<CascadeRow>(
    `SELECT ${ROW_COLUMNS} FROM verifications WHERE store_id = $1 AND ${ready} ORDER BY ${QUEUE_ORDER} LIMIT $3`,
    [ctx.store.id, ctx.now(), q.limit],
  );
  const ids = rows.map((r) => r.order_id);
  const [orders, last, [counts]] = [
    await getOrders(ctx, ids),
    await lastCalls(ctx, ids),
    await ctx.db.query<Record<'ready' | 'in_call' | 'scheduled' | 'call_backs_due', number>>(
      `SELECT count(*) FILTER (WHERE due AND NOT held)::int AS ready, count(*) FILTER (WHERE held)::int AS in_call,
              count(*) FILTER (WHERE NOT due)::int AS scheduled, count(*) FILTER (WHERE due AND NOT held AND call_back_at IS NOT NULL)::int AS call_backs_due
         FROM (SELECT call_back_at, (call_back_at IS NULL OR call_back_at <= $2) AS due, COALESCE(claimed_until > $2, false) AS held
                 FROM verifications WHERE store_id = $1 AND status = 'call_queue') q`,
      [ctx.store.id, ctx.now()],
    ),
  ];
  const data = rows.filter((r) => orders.has(r.order_id)).map((r) => ({ order: orders.get(r.order_id)!, call: callView(r, last.get(r.order_id) ?? null) }));
  return { data, counts, next_cursor: null };
}

/**
 * Hand the next order to this agent and to no one else: the row is taken with SKIP LOCKED, so
 * agents claiming at the same moment each get a different order. An agent who already holds
 * one gets it again (a reload must not hand out a second order).
 */
export async function claimNext(ctx: Ctx, agent: string) {
  const [held] = await ctx.db.query<CascadeRow>(
    `SELECT ${ROW_COLUMNS} FROM verifications WHERE store_id = $1 AND status = 'call_queue' AND claimed_by = $2 AND claimed_until > $3
      LIMIT 1 FOR UPDATE`,
    [ctx.store.id, agent, ctx.now()],
  );
  if (held) {
    const order = await getOrder(ctx, held.order_id);
    // Settled by the merchant since the claim: not worth a call any more; hand out the next one.
    if (!(await closeFromOrder(ctx, held, order))) return { order, call: callView(held, await lastCallOf(ctx, held.order_id)) };
  }
  for (;;) {
    const [row] = await ctx.db.query<CascadeRow>(
      `SELECT ${ROW_COLUMNS} FROM verifications
        WHERE store_id = $1 AND ${READY} AND (claimed_until IS NULL OR claimed_until <= $2)
        ORDER BY ${QUEUE_ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED`,
      [ctx.store.id, ctx.now()],
    );
    if (!row) return { order: null, call: null };
    const order = await getOrder(ctx, row.order_id);
    // The merchant may have settled it meanwhile: take it out and look again.
    if (await closeFromOrder(ctx, row, order)) continue;
    const until = new Date(ctx.now().getTime() + CLAIM_MINUTES * 60_000);
    await ctx.db.query(`UPDATE verifications SET claimed_by = $3, claimed_until = $4, updated_at = $5 WHERE store_id = $1 AND order_id = $2`, [
      ctx.store.id, row.order_id, agent, until, ctx.now(),
    ]);
    await recordEvent(ctx, 'call.claimed', row.order_id, { agent, until });
    return { order, call: callView({ ...row, claimed_by: agent, claimed_until: until }, await lastCallOf(ctx, row.order_id)) };
  }
}

export const CALL_OUTCOMES = ['confirmed', 'no_answer', 'wrong_number', 'call_back', 'cancelled'] as const;
export const callBody = z.object({
  outcome: z.enum(CALL_OUTCOMES),
  note: z.string().trim().max(1000).optional(),
  /** With `call_back`: when the customer asked to be called. */
  call_back_at: z.coerce.date().optional(),
});

/**
 * What came of a call. No answer puts the order back for a later call until the store's number
 * of attempts is spent, and then it is a ghost; a wrong number is a ghost at once (the email
 * step already offered the customer a way to give the right one).
 */
export async function logCall(ctx: Ctx, orderId: string, agent: string, body: z.infer<typeof callBody>) {
  const at = body.call_back_at;
  if (body.outcome === 'call_back' && (!at || at <= ctx.now() || at.getTime() > ctx.now().getTime() + 30 * 86_400_000)) {
    throw unprocessable('call_back_at must be a time within the next 30 days', [{ path: 'call_back_at', message: 'must be a future time within 30 days' }]);
  }
  const row = await lockRow(ctx, orderId);
  const order = await getOrder(ctx, orderId); // 404 for an order that does not exist
  if (!row) {
    throw conflict('not_in_call_queue', `Order ${order.number} never needed a confirmation call`, [{ path: 'order_id', message: 'not in the call queue' }]);
  }
  await closeFromOrder(ctx, row, order);
  if (row.status !== 'call_queue') {
    throw conflict('not_in_call_queue', `Order ${order.number} is not in the call queue (its confirmation is ${row.status})`, [{ path: 'order_id', message: row.status }]);
  }
  if (row.claimed_by && row.claimed_by !== agent && row.claimed_until && row.claimed_until > ctx.now()) {
    throw conflict('claimed_by_another_agent', `Another agent is calling about order ${order.number}`, [{ path: 'order_id', message: 'claimed by another agent' }]);
  }
  const attempt = row.call_attempts + (body.outcome === 'call_back' ? 0 : 1);
  await recordEvent(ctx, 'call.logged', orderId, { outcome: body.outcome, note: body.note ?? null, attempt, agent, call_back_at: body.call_back_at ?? null });
  const settings = verificationSettings(ctx.store);
  const release = { claimed_by: null, claimed_until: null };
  switch (body.outcome) {
    case 'confirmed':
      await ctx.db.query(`UPDATE verifications SET call_attempts = $3 WHERE store_id = $1 AND order_id = $2`, [ctx.store.id, orderId, attempt]);
      await confirmByCustomer(ctx, orderId, 'call', body.note);
      break;
    case 'cancelled':
      await cancelByCustomer(ctx, orderId, 'call', body.note);
      break;
    case 'wrong_number':
      row.call_attempts = attempt;
      await markGhost(ctx, row, 'wrong_number');
      break;
    case 'no_answer':
      row.call_attempts = attempt;
      if (attempt >= settings.call_attempts) await markGhost(ctx, row, 'no_answer');
      else {
        const again = new Date(ctx.now().getTime() + settings.call_retry_seconds * 1000);
        await moveCascade(ctx, row, 'call_queue', { ...release, call_attempts: attempt, call_back_at: again }, { call_attempts: attempt, call_back_at: again });
      }
      break;
    case 'call_back':
      await moveCascade(ctx, row, 'call_queue', { ...release, call_back_at: body.call_back_at }, { call_back_at: body.call_back_at });
      break;
  }
  const after = await lockRow(ctx, orderId);
  return { order: await getOrder(ctx, orderId), call: after ? callView(after, await lastCallOf(ctx, orderId)) : null };
}
