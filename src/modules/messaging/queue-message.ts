import type { Ctx } from '../../platform/context.ts';
import { recordEvent } from '../../platform/events.ts';
import { newId } from '../../platform/ids.ts';
import { providerFor } from './channels.ts';
import type { Channel } from './providers/index.ts';
import { templateText } from './store-templates.ts';
import { WHATSAPP_TEMPLATE, WHATSAPP_TEMPLATE_LANG, emailHtml, renderTemplate, whatsappBodyParams, type Lang, type TemplateKey } from './templates/index.ts';

export interface TemplateMessage {
  orderId: string;
  channel: Channel;
  to: string;
  template: TemplateKey;
  lang: Lang;
  vars: Record<string, string>;
  /** One message per key, however often it is asked for (e.g. the SMS of one cascade step). */
  dedupeKey: string;
  /** Where Twilio should post delivery statuses for this store. */
  statusCallbackUrl?: string;
}

export type QueueResult = { queued: true; messageId: string; provider: string } | { queued: false; reason: 'no_provider' | 'duplicate' };

/**
 * Write the message, in the caller's transaction, ready to go: the send itself happens after
 * commit (a worker hears `message.queued`), so a rolled-back decision never sends anything.
 * The outbox provider keeps the message and is done: it is `sent` at once.
 */
export async function sendTemplate(ctx: Ctx, m: TemplateMessage): Promise<QueueResult> {
  const provider = providerFor(ctx.store, m.channel);
  if (!provider) return { queued: false, reason: 'no_provider' };
  const text = renderTemplate(await templateText(ctx, m.template, m.lang), m.vars);
  const payload: Record<string, unknown> = {};
  if (m.channel === 'email') payload.html = emailHtml(text.body, m.lang, ctx.store.name);
  if (m.channel === 'whatsapp') {
    const names = ((provider.settings ?? {}) as { templates?: Record<string, string> }).templates ?? {};
    payload.whatsapp_template = {
      name: names.confirm ?? WHATSAPP_TEMPLATE.name,
      language: WHATSAPP_TEMPLATE_LANG[m.lang],
      bodyParams: whatsappBodyParams(m.vars),
      quickReplies: [...WHATSAPP_TEMPLATE.quickReplies],
    };
  }
  if (m.statusCallbackUrl) payload.status_callback_url = m.statusCallbackUrl;
  const outbox = provider.name === 'outbox';
  const now = ctx.now();
  const id = newId('msg');
  const [row] = await ctx.db.query<{ id: string }>(
    `INSERT INTO messages (id, store_id, order_id, channel, provider, to_address, template, lang, subject, body, payload, status,
                           dedupe_key, created_at, updated_at, sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
     ON CONFLICT (store_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
    [id, ctx.store.id, m.orderId, m.channel, provider.name, m.to, m.template, m.lang, text.subject ?? null, text.body,
      JSON.stringify(payload), outbox ? 'sent' : 'queued', m.dedupeKey, now, outbox ? now : null],
  );
  if (!row) return { queued: false, reason: 'duplicate' };
  const facts = { message_id: id, channel: m.channel, provider: provider.name, to: m.to, template: m.template, dedupe_key: m.dedupeKey };
  await recordEvent(ctx, outbox ? 'message.sent' : 'message.queued', m.orderId, facts);
  return { queued: true, messageId: id, provider: provider.name };
}
