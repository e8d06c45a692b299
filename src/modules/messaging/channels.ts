import type { StoreInfo } from '../../platform/context.ts';
import type { Channel } from './providers/index.ts';

export interface ChannelProvider {
  name: string;
  settings: unknown;
}

const messagingOf = (store: StoreInfo) => (store.settings.messaging ?? {}) as Record<string, Record<string, unknown> | undefined>;

/**
 * Who carries a message on this channel for this store. A store that has set up no provider
 * at all gets the outbox for every channel (nothing leaves wasl); a store that has set up some
 * gets only those, and a channel it left out is skipped by the cascade.
 */
export function providerFor(store: StoreInfo, channel: Channel): ChannelProvider | null {
  const m = messagingOf(store);
  if (!m.sms && !m.whatsapp && !m.email) return { name: 'outbox', settings: null };
  if (channel === 'sms' && m.sms) return { name: String(m.sms.provider), settings: m.sms };
  if (channel === 'whatsapp' && m.whatsapp) return { name: 'whatsapp', settings: m.whatsapp };
  if (channel === 'email' && m.email) return { name: 'smtp', settings: m.email };
  return null;
}

export interface RetryPolicy {
  attempts: number;
  backoffSeconds: number;
  timeoutMs: number;
}

/** Sends that fail for a reason that may pass are tried again: 3 times, 30 s then 2 min apart. */
export function retryPolicy(store: StoreInfo): RetryPolicy {
  const r = (messagingOf(store).retry ?? {}) as { attempts?: number; backoff_seconds?: number; timeout_seconds?: number };
  return { attempts: r.attempts ?? 3, backoffSeconds: r.backoff_seconds ?? 30, timeoutMs: (r.timeout_seconds ?? 15) * 1000 };
}
