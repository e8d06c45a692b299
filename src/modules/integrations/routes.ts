import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import type { Services } from '../../platform/services.ts';
import { getStore } from '../stores/index.ts';
import { processDelivery } from './process-delivery.ts';
import { receiveDelivery } from './receive-delivery.ts';
import type { StorefrontName } from './storefronts/index.ts';

const params = z.object({
  platform: z.enum(['shopify', 'woocommerce', 'salla']),
  store_id: z.string().regex(/^str_[0-9a-z]{26}$/, 'is not a store id'),
});

/** Storefront webhooks: authenticated by the platform's signature, not by an API key. */
export const webhookRoutes: RouteModule = async (app, services) => {
  // Signatures are over the exact bytes sent: keep the raw body for these routes only.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));

  app.post(
    '/v1/webhooks/:platform/:store_id',
    { schema: { summary: 'Storefront order webhooks (Shopify, WooCommerce, Salla)', tags: ['webhooks'], params, security: [] }, config: { permission: 'public' } },
    async (req, reply) => {
      const { platform, store_id } = req.params;
      const store = await getStore(services.db, store_id);
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const received = await receiveDelivery(services.db, store, platform as StorefrontName, raw, req.headers);
      if (received.deliveryId) {
        const id = received.deliveryId;
        // Answer first (the delivery is stored); make the order right after.
        setImmediate(() => void processNow(services, store_id, id));
      }
      return reply.status(200).send({
        received: true,
        delivery_id: received.deliveryId,
        duplicate: received.duplicate,
        ...(received.ignored ? { ignored: received.ignored } : {}),
      });
    },
  );
};

export async function processNow(services: Services, storeId: string, deliveryId: string) {
  const store = await getStore(services.db, storeId);
  return processDelivery(services.db, { store, actor: { type: 'storefront', id: deliveryId }, now: () => new Date(), log: services.log }, deliveryId);
}
