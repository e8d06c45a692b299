import { z } from 'zod';
import type { RouteModule } from '../../platform/http/app.ts';
import type { Services } from '../../platform/services.ts';
import { pendingDeliveries } from './process-delivery.ts';
import { processNow } from './routes.ts';

export const deliveriesQuery = z.object({
  status: z.enum(['pending', 'failed', 'processed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** What came in from the storefronts, so a person can see a delivery that did not become an order and why. */
export const deliveryRoutes: RouteModule = (app) => {
  app.get(
    '/v1/webhooks/deliveries',
    { schema: { summary: 'Storefront deliveries received, newest first', tags: ['webhooks'], querystring: deliveriesQuery }, config: { permission: 'webhooks.read' } },
    async (req) => {
      const where = ['store_id = $1'];
      if (req.query.status === 'pending') where.push('processed_at IS NULL AND last_error IS NULL');
      if (req.query.status === 'failed') where.push('processed_at IS NULL AND last_error IS NOT NULL');
      if (req.query.status === 'processed') where.push('processed_at IS NOT NULL');
      const data = await req.ctx.db.query(
        `SELECT id, platform, topic, external_id, received_at, processed_at, attempts, last_error, order_id
           FROM webhook_deliveries WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $2`,
        [req.ctx.store.id, req.query.limit],
      );
      return { data, next_cursor: null };
    },
  );
};

/** Retry deliveries that were stored but not turned into orders (crash after the 2xx, a failure). */
export function startDeliverySweep(services: Services, everyMs = 5_000): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      for (const d of await pendingDeliveries(services.db)) await processNow(services, d.store_id, d.id);
    } catch (err) {
      services.log.error({ err }, 'delivery sweep failed');
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
