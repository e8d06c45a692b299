import type { Ctx } from '../../platform/context.ts';
import { recordEvents } from '../../platform/events.ts';
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

export async function sendTemplate(ctx: Ctx, m: TemplateMessage): Promise<QueueResult> {
  return (await sendTemplates(ctx, [m]))[0];
}

/**
 * Write messages, in the caller's transaction, ready to go: the send itself happens after
 * commit (a worker hears `message.queued`), so a rolled-back decision never sends anything.
 * The outbox provider keeps the message and is done: it is `sent` at once. Many messages go in
 * one statement (a burst of cascade timers); results come back in the order asked.
 */
export async function sendTemplates(ctx: Ctx, list: TemplateMessage[]): Promise<QueueResult[]> {
  const texts = new Map<string, Awaited<ReturnType<typeof templateText>>>();
  const rows: { m: TemplateMessage; id: string; provider: string; subject: string | null; body: string; payload: string; outbox: boolean }[] = [];
  const results: QueueResult[] = [];
  for (const m of list) {
    const provider = providerFor(ctx.store, m.channel);
    if (!provider) {
      results.push({ queued: false, reason: 'no_provider' });
      continue;
    }
    const key = `${m.template}:${m.lang}`;
    if (!texts.has(key)) texts.set(key, await templateText(ctx, m.template, m.lang));
    const text = renderTemplate(texts.get(key)!, m.vars);
    const id = newId('msg');
    rows.push({
      m, id, provider: provider.name, subject: text.subject ?? null, body: text.body, payload: JSON.stringify(payloadFor(ctx, m, text.body, provider.settings)), outbox: provider.name === 'outbox',
    });
    results.push({ queued: true, messageId: id, provider: provider.name });
  }
  if (!rows.length) return results;
  const now = ctx.now();
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const inserted = await ctx.db.query<{ id: string }>(
    `INSERT INTO messages (id, store_id, order_id, channel, provider, to_address, template, lang, subject, body, payload, status,
                           dedupe_key, created_at, updated_at, sent_at)
     SELECT id, $1, order_id, channel, provider, to_address, template, lang, subject, body, payload::jsonb,
            CASE WHEN outbox THEN 'sent' ELSE 'queued' END, dedupe_key, $2, $2, CASE WHEN outbox THEN $2::timestamptz END
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[],
                   $12::text[], $13::text[], $14::bool[])
         AS m(id, order_id, channel, provider, to_address, template, lang, subject, body, payload, dedupe_key, outbox)
     ON CONFLICT (store_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING RETURNING id`,
    [ctx.store.id, now, col((r) => r.id), col((r) => r.m.orderId), col((r) => r.m.channel), col((r) => r.provider), col((r) => r.m.to),
      col((r) => r.m.template), col((r) => r.m.lang), col((r) => r.subject), col((r) => r.body), col((r) => r.payload), col((r) => r.m.dedupeKey), col((r) => r.outbox)],
  );
  const written = new Set(inserted.map((r) => r.id));
  await recordEvents(ctx, rows.filter((r) => written.has(r.id)).map((r) => ({
    type: r.outbox ? 'message.sent' : 'message.queued',
    subjectId: r.m.orderId,
    data: { message_id: r.id, channel: r.m.channel, provider: r.provider, to: r.m.to, template: r.m.template, dedupe_key: r.m.dedupeKey },
  })));
  return results.map((r) => (r.queued && !written.has(r.messageId) ? { queued: false, reason: 'duplicate' } : r));
}

/** What the provider needs beyond the text: the HTML part, the WhatsApp template and its variables. */
function payloadFor(ctx: Ctx, m: TemplateMessage, body: string, settings: unknown): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  if (m.channel === 'email') payload.html = emailHtml(body, m.lang, ctx.store.name);
  if (m.channel === 'whatsapp') {
    const names = ((settings ?? {}) as { templates?: Record<string, string> }).templates ?? {};
    payload.whatsapp_template = {
      name: names.confirm ?? WHATSAPP_TEMPLATE.name,
      language: WHATSAPP_TEMPLATE_LANG[m.lang],
      bodyParams: whatsappBodyParams(m.vars),
      quickReplies: [...WHATSAPP_TEMPLATE.quickReplies],
    };
  }
  if (m.statusCallbackUrl) payload.status_callback_url = m.statusCallbackUrl;
  return payload;
}
