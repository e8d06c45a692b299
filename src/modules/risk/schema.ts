import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
