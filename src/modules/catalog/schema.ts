import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const products = pgTable(
  'products',
  {
    storeId: text('store_id').notNull(),
    sku: text('sku').notNull(),
    name: text('name').notNull(),
    priceMinor: bigint('price_minor', { mode: 'bigint' }).notNull(),
    currency: text('currency').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.sku] })],
);
