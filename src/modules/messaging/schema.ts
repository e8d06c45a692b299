import { sql } from 'drizzle-orm';
import { integer, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Every message wasl sends to a customer, whatever the channel. The row is written in the
 * transaction that decides to send it (status `queued`); a send job hands it to the provider.
 * `dedupe_key` makes "the SMS of step 1 of this order" one row however often it is asked for.
 */
export const messages = pgTable(
  'messages',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    orderId: text('order_id'),
    channel: text('channel').notNull(),
    provider: text('provider').notNull(),
    toAddress: text('to_address').notNull(),
    template: text('template'),
    lang: text('lang').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** What the provider needs beyond the text (the WhatsApp template and its variables, the HTML part). */
    payload: jsonb('payload'),
    status: text('status').notNull(),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    readAt: timestamp('read_at', { withTimezone: true }),
    failedAt: timestamp('failed_at', { withTimezone: true }),
    /** A send in flight since this moment: another worker leaves it alone until it is stale. */
    sendingSince: timestamp('sending_since', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('messages_dedupe').on(t.storeId, t.dedupeKey).where(sql`dedupe_key IS NOT NULL`),
    uniqueIndex('messages_provider_id').on(t.storeId, t.channel, t.providerMessageId).where(sql`provider_message_id IS NOT NULL`),
    index('messages_order').on(t.storeId, t.orderId, t.id),
    index('messages_store').on(t.storeId, t.id.desc()),
    index('messages_to').on(t.storeId, t.channel, t.toAddress, t.id.desc()),
  ],
);

/** What customers send back (WhatsApp replies), once per provider message id. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    storeId: text('store_id').notNull(),
    channel: text('channel').notNull(),
    providerMessageId: text('provider_message_id').notNull(),
    fromAddress: text('from_address').notNull(),
    contextId: text('context_id'),
    text: text('text'),
    payload: text('payload'),
    intent: text('intent'),
    orderId: text('order_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.channel, t.providerMessageId] })],
);

/** A store's own wording of a message, per language; wasl's defaults apply where there is none. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    storeId: text('store_id').notNull(),
    key: text('key').notNull(),
    lang: text('lang').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.key, t.lang] })],
);
