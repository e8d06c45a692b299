import { sql } from 'drizzle-orm';
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
    /**
     * The person this customer record belongs to (union-find, relabelled on merge): records
     * joined by one phone and email, or by an address shared by few enough people. Its own id
     * until linked.
     */
    groupId: text('group_id').notNull(),
    /** good, negotiator, ghost_box, vip, or the store's own words: for support and marketing. */
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('customers_store').on(t.storeId, t.id), index('customers_group').on(t.storeId, t.groupId)],
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

/**
 * Which customers had parcels sent to which address (normalised key). Many people can share an
 * address (a family home, an office, a courier desk), so this is many-to-many; intake links the
 * customers of an address into one person only while few enough share it (`risk.link_cap`).
 */
export const customerAddresses = pgTable(
  'customer_addresses',
  {
    storeId: text('store_id').notNull(),
    addressKey: text('address_key').notNull(),
    customerId: text('customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.addressKey, t.customerId] }), index('customer_addresses_customer').on(t.storeId, t.customerId, t.createdAt.desc())],
);
