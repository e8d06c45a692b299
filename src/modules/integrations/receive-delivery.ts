import { createHash } from 'node:crypto';
import type { Sql } from '../../platform/db.ts';
import type { StoreInfo } from '../../platform/context.ts';
import { AppError, unauthorized } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { storefronts, type Headers, type StorefrontName } from './storefronts/index.ts';

// Headers worth keeping with a delivery (for support and replays); never the signature secret.
const KEPT_HEADERS = /^(x-shopify-|x-wc-webhook-|x-salla-|content-type|user-agent)/;

export interface Received {
  deliveryId: string | null;
  duplicate: boolean;
  ignored?: string;
}

/**
 * Check a storefront delivery and store it durably before we answer 2xx, so the platform's
 * retry covers anything we did not acknowledge and nothing acknowledged is lost. A byte-for-byte
 * redelivery of one topic is stored once. Turning it into an order happens after (processDelivery).
 */
export async function receiveDelivery(db: Sql, store: StoreInfo, platform: StorefrontName, raw: Buffer, headers: Headers): Promise<Received> {
  const adapter = storefronts[platform];
  const integrations = (store.settings.integrations ?? {}) as Record<string, { webhook_secret?: string } | undefined>;
  const secret = integrations[platform]?.webhook_secret;
  if (!secret) {
    throw new AppError(401, 'webhook_not_configured', `This store has no ${platform} webhook secret yet: set integrations.${platform}.webhook_secret in the store settings`);
  }
  if (!adapter.verifySignature(raw, headers, secret)) throw unauthorized(`The ${platform} webhook signature does not match this store's secret`);
  const event = adapter.parse(raw, headers);
  if (event.kind === 'ignore') return { deliveryId: null, duplicate: false, ignored: event.reason ?? 'not an order event' };

  const deliveryKey = `${event.topic}:${createHash('sha256').update(raw).digest('hex')}`;
  const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => KEPT_HEADERS.test(k.toLowerCase())));
  const [row] = await db.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (id, store_id, platform, topic, delivery_key, external_id, headers, body)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
    [newId('whd'), store.id, platform, event.topic, deliveryKey, event.externalId, JSON.stringify(kept), raw.toString('utf8')],
  );
  return { deliveryId: row?.id ?? null, duplicate: !row };
}
