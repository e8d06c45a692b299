import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every storefront webhook delivery, stored before we answer 2xx: the platform retries
 * anything we did not acknowledge, and nothing we acknowledged is lost. `external_id` per
 * platform makes redelivery idempotent.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    platform: text('platform').notNull(),
    topic: text('topic').notNull(),
    deliveryKey: text('delivery_key').notNull(),
    externalId: text('external_id'),
    headers: jsonb('headers').notNull(),
    body: text('body').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    orderId: text('order_id'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_key').on(t.storeId, t.platform, t.deliveryKey),
    index('webhook_deliveries_pending').on(t.receivedAt).where(sql`processed_at IS NULL`),
  ],
);
