import type { Ctx } from '../../platform/context.ts';
import { recordEvents } from '../../platform/events.ts';
import { providerFor, sendTemplates, type Channel, type Lang, type TemplateKey, type TemplateMessage } from '../messaging/index.ts';
import { getOrders, recordVerifications, type OrderView } from '../orders/index.ts';
import { verificationSettings, type VerificationSettings } from '../stores/index.ts';
import { ROW_COLUMNS, type CascadeRow } from './cascade-row.ts';
import { closeFromOrder } from './close-cascade.ts';
import { newToken, saveLinks, type NewLink } from './links.ts';
import { assertCascade, isOpen, type CascadeStatus } from './states.ts';

/** A cascade timer: start step `step` of round `round` of this order's confirmation. */
export interface StepTimer {
  order_id: string;
  round: number;
  step: number;
  at: Date;
}

export interface StepEnv {
  publicUrl: string;
  /** Schedule timers in the same transaction, so each exists exactly when its step before does. */
  schedule(ctx: Ctx, timers: StepTimer[]): Promise<void>;
}

const TEMPLATE: Record<Channel, TemplateKey> = { sms: 'confirm_sms', whatsapp: 'confirm_whatsapp', email: 'unreachable_email' };

/** Everything a batch of steps writes, gathered first and written set-wise at the end. */
class Writes {
  links: NewLink[] = [];
  messages: TemplateMessage[] = [];
  rows: { orderId: string; status: CascadeStatus; step: number; nextStepAt: Date | null; queuedAt: Date | null }[] = [];
  summaries: { id: string; verification: Record<string, unknown> }[] = [];
  events: { type: string; subjectId: string; data: Record<string, unknown>; messageOf?: number }[] = [];
  timers: StepTimer[] = [];
}

/**
 * Run cascade timers, many at once (timers fall due in bursts: a sale's orders, four hours
 * later). Each re-reads its order first: a timer for a step already taken (a duplicate, a
 * message that failed and moved the cascade on), for an older round, or for an order that is
 * confirmed, cancelled or shipped does nothing. A step that cannot reach the customer (no
 * email, a landline, no provider for the channel) is skipped at once to the next one.
 * Returns how many timers did something.
 */
export async function runSteps(ctx: Ctx, timers: Omit<StepTimer, 'at'>[], env: StepEnv): Promise<number> {
  if (!timers.length) return 0;
  const ids = [...new Set(timers.map((t) => t.order_id))].sort();
  // Locked in id order, so two batches sharing an order wait for each other instead of deadlocking.
  const rows = new Map(
    (await ctx.db.query<CascadeRow>(`SELECT ${ROW_COLUMNS} FROM verifications WHERE store_id = $1 AND order_id = ANY($2) ORDER BY order_id FOR UPDATE`, [ctx.store.id, ids]))
      .map((r) => [r.order_id, r]),
  );
  const due = (t: Omit<StepTimer, 'at'>, row: CascadeRow | undefined): row is CascadeRow =>
    Boolean(row && isOpen(row.status) && row.status !== 'call_queue' && row.round === t.round && row.step === t.step - 1);
  const live = timers.filter((t) => due(t, rows.get(t.order_id)));
  if (!live.length) return 0;
  const orders = await getOrders(ctx, [...new Set(live.map((t) => t.order_id))]);
  const settings = verificationSettings(ctx.store);
  const w = new Writes();
  let ran = 0;
  for (const t of live) {
    const row = rows.get(t.order_id)!;
    const order = orders.get(t.order_id);
    if (!order || !due(t, row) || (await closeFromOrder(ctx, row, order))) continue;
    plan(ctx, t, row, order, settings, env.publicUrl, w);
    ran++;
  }
  await write(ctx, w, settings, env);
  return ran;
}

function plan(ctx: Ctx, t: Omit<StepTimer, 'at'>, row: CascadeRow, order: OrderView, settings: VerificationSettings, publicUrl: string, w: Writes) {
  const now = ctx.now();
  const move = (status: CascadeStatus, step: number, nextStepAt: Date | null, queuedAt: Date | null, summary: Record<string, unknown>) => {
    assertCascade(row.status, status);
    Object.assign(row, { status, step, next_step_at: nextStepAt });
    w.rows.push({ orderId: order.id, status, step, nextStepAt, queuedAt });
    w.summaries.push({ id: order.id, verification: { status, round: row.round, ...summary } });
  };
  for (let i = t.step; i < settings.steps.length; i++) {
    const step = settings.steps[i];
    const next = settings.steps[i + 1];
    const nextAt = next ? new Date(now.getTime() + next.after_seconds * 1000) : null;
    if (step.channel === 'call') {
      move('call_queue', i, null, now, { step: i + 1, channel: 'call', queued_at: now });
      w.events.push({ type: 'verification.call_queued', subjectId: order.id, data: { step: i + 1, round: row.round } });
      return;
    }
    const skip = cannotReach(order, step.channel) ?? (providerFor(ctx.store, step.channel) ? null : 'no_provider');
    if (skip) {
      w.events.push({ type: 'verification.step_skipped', subjectId: order.id, data: { step: i + 1, channel: step.channel, reason: skip } });
      continue;
    }
    const token = newToken();
    w.links.push({ orderId: order.id, purpose: step.channel === 'email' ? 'email' : 'confirm', channel: step.channel, token });
    w.messages.push(message(ctx, order, row.round, i, step.channel, token, publicUrl));
    move('awaiting_customer', i, nextAt, null, { step: i + 1, channel: step.channel, next_step_at: nextAt });
    w.events.push({ type: 'verification.step_started', subjectId: order.id, data: { step: i + 1, round: row.round, channel: step.channel }, messageOf: w.messages.length - 1 });
    if (nextAt) w.timers.push({ order_id: order.id, round: row.round, step: i + 1, at: nextAt });
    return;
  }
  // Every step left was skipped, or the store's steps end without a call: a person decides.
  move(row.status, settings.steps.length - 1, null, null, { next_step_at: null });
  w.events.push({ type: 'verification.steps_exhausted', subjectId: order.id, data: { round: row.round } });
}

function cannotReach(order: OrderView, channel: Channel): string | null {
  if (channel === 'email') return order.customer.email_canonical ? null : 'no_email';
  if (!order.customer.phone_e164) return 'no_valid_phone';
  const landline = (order.risk.reasons as { code: string }[] | undefined)?.some((r) => r.code === 'phone_landline');
  return landline ? 'landline' : null;
}

function message(ctx: Ctx, order: OrderView, round: number, i: number, channel: Channel, token: string, publicUrl: string): TemplateMessage {
  const base = publicUrl.replace(/\/$/, '');
  const lang: Lang = (order.customer.language ?? ctx.store.locale) === 'en' ? 'en' : 'ar';
  return {
    orderId: order.id,
    channel,
    to: channel === 'email' ? order.customer.email! : order.customer.phone_e164!,
    template: TEMPLATE[channel],
    lang,
    vars: {
      customer_name: order.customer.name,
      order_number: String(order.number),
      store_name: ctx.store.name,
      total: `${order.totals.total} ${order.totals.currency}`,
      items: order.lines.map((l) => `${l.quantity} × ${l.name ?? l.sku}`).join(lang === 'ar' ? '، ' : ', '),
      link: `${base}/c/${token}`,
      phone: order.customer.phone ?? '',
    },
    dedupeKey: `ver:${order.id}:${round}:${i}`,
    statusCallbackUrl: channel === 'sms' ? `${base}/v1/webhooks/sms/twilio/${ctx.store.id}` : undefined,
  };
}

async function write(ctx: Ctx, w: Writes, settings: VerificationSettings, env: StepEnv) {
  await saveLinks(ctx, w.links, settings.link_ttl_seconds);
  const sent = await sendTemplates(ctx, w.messages);
  if (w.rows.length) {
    await ctx.db.query(
      `UPDATE verifications v SET status = r.status, step = r.step, next_step_at = r.next_step_at,
              queued_at = COALESCE(r.queued_at, v.queued_at), updated_at = $2
         FROM unnest($3::text[], $4::text[], $5::int[], $6::timestamptz[], $7::timestamptz[]) AS r(order_id, status, step, next_step_at, queued_at)
        WHERE v.store_id = $1 AND v.order_id = r.order_id`,
      [ctx.store.id, ctx.now(), w.rows.map((r) => r.orderId), w.rows.map((r) => r.status), w.rows.map((r) => r.step),
        w.rows.map((r) => r.nextStepAt), w.rows.map((r) => r.queuedAt)],
    );
  }
  await recordVerifications(ctx, w.summaries);
  await recordEvents(ctx, w.events.map(({ messageOf, ...e }) => {
    const result = messageOf === undefined ? undefined : sent[messageOf];
    return result ? { ...e, data: { ...e.data, message_id: result.queued ? result.messageId : null } } : e;
  }));
  if (w.timers.length) await env.schedule(ctx, w.timers);
}
