import type { Database } from '../../platform/db.ts';
import type { Ctx } from '../../platform/context.ts';
import { retryPolicy } from './channels.ts';
import { setStatus } from './message-status.ts';
import { ProviderError, providers, type OutgoingMessage } from './providers/index.ts';

interface Claimed {
  id: string;
  order_id: string | null;
  channel: 'sms' | 'whatsapp' | 'email';
  provider: string;
  to_address: string;
  subject: string | null;
  body: string;
  payload: Record<string, any> | null;
  status: 'queued';
  attempts: number;
  dedupe_key: string | null;
}

/** A send that started longer ago than this and never finished (its process died) may be tried again. */
const STALE_SEND = '5 minutes';

export type Delivery = { done: true } | { done: false; retryInSeconds: number };

/**
 * Hand one queued message to its provider. The claim (`sending_since`) is committed before the
 * provider is called, so two workers never send the same message; a failure that may pass is
 * retried with backoff, and one that will not (or the last try) marks it `failed`, which moves
 * the cascade on to the next channel.
 */
export async function deliverMessage(db: Database, base: Omit<Ctx, 'db'>, messageId: string): Promise<Delivery> {
  const store = base.store;
  const [m] = await db.query<Claimed>(
    `UPDATE messages SET sending_since = now(), attempts = attempts + 1, updated_at = now()
      WHERE store_id = $1 AND id = $2 AND status = 'queued'
        AND (sending_since IS NULL OR sending_since < now() - interval '${STALE_SEND}')
      RETURNING id, order_id, channel, provider, to_address, subject, body, payload, status, attempts, dedupe_key`,
    [store.id, messageId],
  );
  if (!m) return { done: true };
  const policy = retryPolicy(store);
  const provider = providers[m.provider];
  const settings = providerSettings(store.settings, m.channel);
  const outgoing: OutgoingMessage = {
    id: m.id,
    channel: m.channel,
    to: m.to_address,
    body: m.body,
    subject: m.subject ?? undefined,
    html: m.payload?.html,
    whatsappTemplate: m.payload?.whatsapp_template,
    statusCallbackUrl: m.payload?.status_callback_url,
  };
  let error: ProviderError;
  try {
    if (!provider || (m.provider !== 'outbox' && !settings)) throw new ProviderError(`${m.provider} is no longer set up for ${m.channel}`, false, 'not_configured');
    const sent = await provider.send(settings, outgoing, { timeoutMs: policy.timeoutMs });
    await db.transaction((tx) => setStatus({ ...base, db: tx }, m, 'sent', { providerMessageId: sent.providerMessageId }));
    return { done: true };
  } catch (err) {
    error = err instanceof ProviderError ? err : new ProviderError(err instanceof Error ? err.message : String(err), true);
  }
  const text = `${error.code ? `${error.code}: ` : ''}${error.message}`.slice(0, 1000);
  if (error.retryable && m.attempts < policy.attempts) {
    await db.query(`UPDATE messages SET sending_since = NULL, last_error = $3, updated_at = now() WHERE store_id = $1 AND id = $2`, [store.id, m.id, text]);
    base.log.warn({ messageId: m.id, provider: m.provider, attempt: m.attempts, err: text }, 'message send failed; will retry');
    return { done: false, retryInSeconds: policy.backoffSeconds * 4 ** (m.attempts - 1) };
  }
  await db.transaction((tx) => setStatus({ ...base, db: tx }, m, 'failed', { error: text }));
  base.log.warn({ messageId: m.id, provider: m.provider, err: text }, 'message failed');
  return { done: true };
}

function providerSettings(settings: Record<string, unknown>, channel: string): unknown {
  const m = (settings.messaging ?? {}) as Record<string, unknown>;
  return channel === 'sms' ? m.sms : channel === 'whatsapp' ? m.whatsapp : m.email;
}
