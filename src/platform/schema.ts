import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Domain events: the order timeline and the transactional outbox in one table. Every state
 * change writes its event here in the same transaction; the relay publishes rows whose
 * `published_at` is null to pg-boss, where subscribers pick them up.
 */
export const events = pgTable(
  'events',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    type: text('type').notNull(),
    subjectId: text('subject_id'),
    actor: jsonb('actor').notNull(),
    data: jsonb('data').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('events_subject').on(t.storeId, t.subjectId, t.id),
    index('events_unpublished').on(t.id).where(sql`published_at IS NULL`),
  ],
);

/** Idempotency-Key records: written in the same transaction as the effect they guard. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    storeId: text('store_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.key] })],
);
