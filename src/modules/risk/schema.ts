import { sql } from 'drizzle-orm';
import { bigint, check, integer, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Who may or may not order: a store's blocklist and allowlist in one table, since intake asks
 * both at once. `key` is the normalised value (E.164 phone, canonical email, normalised IP,
 * address key), so one person written five ways is one entry. A phone that did not validate is
 * keyed by its last 9 digits, which is all it can ever be matched by.
 */
export const riskLists = pgTable(
  'risk_lists',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    list: text('list').notNull(),
    type: text('type').notNull(),
    key: text('key').notNull(),
    /** Phones only: the fallback match for numbers (on the entry or the order) that did not validate. */
    last9: text('last9'),
    /** As the merchant gave it: a string, or the address object. */
    value: jsonb('value').notNull(),
    reason: text('reason').notNull(),
    createdBy: jsonb('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('risk_lists_key').on(t.storeId, t.list, t.type, t.key),
    index('risk_lists_last9').on(t.storeId, t.last9).where(sql`last9 IS NOT NULL`),
    index('risk_lists_newest').on(t.storeId, t.list, t.id),
    check('risk_lists_list', sql`${t.list} IN ('block', 'allow')`),
    check('risk_lists_type', sql`${t.type} IN ('phone', 'email', 'ip', 'address')`),
  ],
);

/**
 * What is usual for a store (recomputed every hour from its recent orders), so intake can tell
 * an order far above it without reading history: the 95th percentile of order totals and of
 * units per order.
 */
export const riskBaselines = pgTable('risk_baselines', {
  storeId: text('store_id').primaryKey(),
  totalP95Minor: bigint('total_p95_minor', { mode: 'number' }).notNull(),
  quantityP95: integer('quantity_p95').notNull(),
  ordersCounted: integer('orders_counted').notNull(),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
});

/**
 * How parcels to each delivery area ended (recomputed with the baselines): `level` is
 * `district` (country|city|district), `city` (country|city) or `region` (country|region), so an
 * area with too few orders of its own falls back to the wider one.
 */
export const riskAreaStats = pgTable(
  'risk_area_stats',
  {
    storeId: text('store_id').notNull(),
    level: text('level').notNull(),
    area: text('area').notNull(),
    settled: integer('settled').notNull(),
    refused: integer('refused').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.level, t.area] })],
);
