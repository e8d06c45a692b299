import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const customers = pgTable(
  'customers',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    name: text('name').notNull(),
    phone: text('phone'),
    phoneE164: text('phone_e164'),
    phoneType: text('phone_type'),
    email: text('email'),
    emailCanonical: text('email_canonical'),
    orderCount: integer('order_count').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customers_store').on(t.storeId, t.id)],
);

/**
 * The keys that recognise a person across spellings: `phone` (E.164), `email` (canonical),
 * `address` (normalised key). A key belongs to one customer per store.
 */
export const customerIdentities = pgTable(
  'customer_identities',
  {
    storeId: text('store_id').notNull(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.kind, t.value] }), index('customer_identities_customer').on(t.customerId)],
);
