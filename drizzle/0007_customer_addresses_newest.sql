-- A person's newest addresses straight off the index (with the key, an index-only scan): a
-- customer on a shared phone with thousands of addresses was read whole and sorted at intake.
DROP INDEX IF EXISTS "customer_addresses_customer";--> statement-breakpoint
CREATE INDEX "customer_addresses_customer" ON "customer_addresses" USING btree ("store_id","customer_id","created_at" DESC NULLS LAST) INCLUDE ("address_key");
