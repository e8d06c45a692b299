-- Settled live orders carry their outcome from now on (imported history always did), so a
-- person's history can be read from the index alone.
UPDATE "orders" SET "outcome" = CASE
    WHEN "status" IN ('delivered', 'completed') AND "payment_status" = 'paid' THEN 'delivered'
    WHEN "verification"->>'status' = 'ghost' THEN 'ghost'
    WHEN "status" = 'cancelled' THEN 'cancelled'
    WHEN "status" = 'returned' AND "fulfillment_status" = 'refused' THEN 'refused'
    ELSE 'returned' END
  WHERE "outcome" IS NULL
    AND ("status" IN ('cancelled', 'returned') OR ("status" IN ('delivered', 'completed') AND "payment_status" = 'paid'));--> statement-breakpoint
DROP INDEX IF EXISTS "orders_store_customer";--> statement-breakpoint
CREATE INDEX "orders_store_customer" ON "orders" USING btree ("store_id", "customer_id", "id" DESC)
  INCLUDE ("number", "placed_at", "outcome", "customer_phone_e164", "customer_email_canonical", "address_key");
