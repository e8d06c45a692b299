import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const orders = pgTable(
  'orders',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    number: bigint('number', { mode: 'bigint' }).notNull(),
    externalId: text('external_id'),
    source: text('source').notNull(),
    status: text('status').notNull(),
    holdReasons: jsonb('hold_reasons').notNull().default([]),
    paymentMethod: text('payment_method').notNull(),
    paymentStatus: text('payment_status').notNull(),
    fulfillmentStatus: text('fulfillment_status').notNull(),
    verification: jsonb('verification').notNull(),
    risk: jsonb('risk').notNull(),
    customerId: text('customer_id').notNull(),
    customerName: text('customer_name').notNull(),
    customerPhone: text('customer_phone'),
    customerPhoneE164: text('customer_phone_e164'),
    customerEmail: text('customer_email'),
    customerEmailCanonical: text('customer_email_canonical'),
    /** The language the customer reads (`ar`/`en`) when the storefront said so; else the store's. */
    customerLanguage: text('customer_language'),
    shippingAddress: jsonb('shipping_address').notNull(),
    addressKey: text('address_key'),
    currency: text('currency').notNull(),
    subtotalMinor: bigint('subtotal_minor', { mode: 'bigint' }).notNull(),
    shippingMinor: bigint('shipping_minor', { mode: 'bigint' }).notNull(),
    discountMinor: bigint('discount_minor', { mode: 'bigint' }).notNull(),
    taxMinor: bigint('tax_minor', { mode: 'bigint' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
    delivery: jsonb('delivery'),
    note: text('note'),
    client: jsonb('client'),
    /** The client's IP, normalised (velocity and lists compare it). */
    clientIp: text('client_ip'),
    /** Agents' notes and gifts (for a negotiator, say): [{id, text, gift, by, at}]. */
    notes: jsonb('notes').notNull().default([]),
    /** Imported history: the final outcome (delivered, refused, returned, ghost, cancelled). */
    outcome: text('outcome'),
    imported: boolean('imported').notNull().default(false),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_number').on(t.storeId, t.number),
    uniqueIndex('orders_external').on(t.storeId, t.source, t.externalId).where(sql`external_id IS NOT NULL`),
    // Lists page by id (time-sortable) newest first; each filter has its own keyset index.
    index('orders_store_id').on(t.storeId, t.id.desc()),
    index('orders_store_status').on(t.storeId, t.status, t.id.desc()),
    index('orders_store_phone').on(t.storeId, t.customerPhoneE164, t.id.desc()),
    // A person's history for customer analysis, read from the index alone (INCLUDE in the migration).
    index('orders_store_customer').on(t.storeId, t.customerId, t.id.desc()),
    index('orders_store_external').on(t.storeId, t.externalId),
    // Velocity: orders to one address or from one IP in a recent window.
    index('orders_store_address').on(t.storeId, t.addressKey, t.placedAt).where(sql`address_key IS NOT NULL`),
    index('orders_store_ip').on(t.storeId, t.clientIp, t.placedAt).where(sql`client_ip IS NOT NULL`),
    // Name prefix search in the search box (`q`), case-insensitive.
    index('orders_store_name').on(t.storeId, sql`lower(customer_name) text_pattern_ops`),
  ],
);

export const orderLines = pgTable(
  'order_lines',
  {
    id: text('id').primaryKey(),
    storeId: text('store_id').notNull(),
    orderId: text('order_id').notNull(),
    position: integer('position').notNull(),
    sku: text('sku').notNull(),
    name: text('name'),
    quantity: integer('quantity').notNull(),
    unitPriceMinor: bigint('unit_price_minor', { mode: 'bigint' }).notNull(),
    totalMinor: bigint('total_minor', { mode: 'bigint' }).notNull(),
  },
  (t) => [index('order_lines_order').on(t.storeId, t.orderId, t.position)],
);
