import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { sendTemplate, type Channel, type Lang, type TemplateKey } from '../messaging/index.ts';
import { getOrder, type OrderView } from '../orders/index.ts';
import { verificationSettings } from '../stores/index.ts';
import { lockRow, moveCascade, type CascadeRow } from './cascade-row.ts';
import { closeFromOrder } from './close-cascade.ts';
import { createLink } from './links.ts';
import { isOpen } from './states.ts';

/** A cascade timer: start step `step` of round `round` of this order's confirmation. */
export interface StepTimer {
  order_id: string;
  round: number;
  step: number;
  at: Date;
}

export interface StepEnv {
  publicUrl: string;
  /** Schedule the next timer in the same transaction, so it exists exactly when this step does. */
  schedule(ctx: Ctx, timer: StepTimer): Promise<void>;
}

const TEMPLATE: Record<Exclude<Channel, never>, TemplateKey> = { sms: 'confirm_sms', whatsapp: 'confirm_whatsapp', email: 'unreachable_email' };

/**
 * Run one timer. It re-reads everything first: a timer for a step already taken (a duplicate,
 * a message that failed and moved the cascade on), for an older round, or for an order that is
 * confirmed, cancelled or shipped does nothing. A step that cannot reach the customer (no
 * email, a landline, no provider for the channel) is skipped at once to the next one.
 */
export async function runStep(ctx: Ctx, timer: Omit<StepTimer, 'at'>, env: StepEnv): Promise<'ran' | 'stale'> {
  const row = await lockRow(ctx, timer.order_id);
  if (!row || !isOpen(row.status) || row.status === 'call_queue' || row.round !== timer.round || row.step !== timer.step - 1) return 'stale';
  const order = await getOrder(ctx, timer.order_id);
  if (await closeFromOrder(ctx, row, order)) return 'stale';
  const settings = verificationSettings(ctx.store);

  for (let i = timer.step; i < settings.steps.length; i++) {
    const step = settings.steps[i];
    const next = settings.steps[i + 1];
    const nextAt = next ? new Date(ctx.now().getTime() + next.after_seconds * 1000) : null;
    if (step.channel === 'call') {
      await moveCascade(ctx, row, 'call_queue', { step: i, next_step_at: null, queued_at: ctx.now() }, { step: i + 1, channel: 'call', queued_at: ctx.now() });
      await recordEvent(ctx, 'verification.call_queued', order.id, { step: i + 1, round: row.round });
      return 'ran';
    }
    const skip = cannotReach(order, step.channel);
    const sent = skip ? null : await sendStep(ctx, order, row, i, step.channel, env.publicUrl, settings.link_ttl_seconds);
    if (!sent) {
      await recordEvent(ctx, 'verification.step_skipped', order.id, { step: i + 1, channel: step.channel, reason: skip ?? 'no_provider' });
      await ctx.db.query(`UPDATE verifications SET step = $3 WHERE store_id = $1 AND order_id = $2`, [ctx.store.id, order.id, i]);
      row.step = i;
      continue;
    }
    await moveCascade(ctx, row, 'awaiting_customer', { step: i, next_step_at: nextAt }, { step: i + 1, channel: step.channel, next_step_at: nextAt });
    await recordEvent(ctx, 'verification.step_started', order.id, { step: i + 1, round: row.round, channel: step.channel, message_id: sent });
    if (nextAt) await env.schedule(ctx, { order_id: order.id, round: row.round, step: i + 1, at: nextAt });
    return 'ran';
  }
  // Every step was skipped or the store's steps end without a call: the order waits for a person.
  await ctx.db.query(`UPDATE verifications SET next_step_at = NULL WHERE store_id = $1 AND order_id = $2`, [ctx.store.id, order.id]);
  await recordEvent(ctx, 'verification.steps_exhausted', order.id, { round: row.round });
  return 'ran';
}

function cannotReach(order: OrderView, channel: Channel): string | null {
  if (channel === 'email') return order.customer.email_canonical ? null : 'no_email';
  if (!order.customer.phone_e164) return 'no_valid_phone';
  const landline = (order.risk.reasons as { code: string }[] | undefined)?.some((r) => r.code === 'phone_landline');
  return landline ? 'landline' : null;
}

async function sendStep(ctx: Ctx, order: OrderView, row: CascadeRow, i: number, channel: Channel, publicUrl: string, ttl: number) {
  const base = publicUrl.replace(/\/$/, '');
  const token = await createLink(ctx, order.id, channel === 'email' ? 'email' : 'confirm', channel, ttl);
  const lang = (order.customer.language ?? ctx.store.locale) === 'en' ? 'en' : ('ar' as Lang);
  const result = await sendTemplate(ctx, {
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
    dedupeKey: `ver:${order.id}:${row.round}:${i}`,
    statusCallbackUrl: channel === 'sms' ? `${base}/v1/webhooks/sms/twilio/${ctx.store.id}` : undefined,
  });
  if (result.queued) return result.messageId;
  return result.reason === 'duplicate' ? 'duplicate' : null;
}
