CREATE TABLE "customer_addresses" (
	"store_id" text NOT NULL,
	"address_key" text NOT NULL,
	"customer_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_addresses_store_id_address_key_customer_id_pk" PRIMARY KEY("store_id","address_key","customer_id")
);
--> statement-breakpoint
CREATE TABLE "risk_area_stats" (
	"store_id" text NOT NULL,
	"level" text NOT NULL,
	"area" text NOT NULL,
	"settled" integer NOT NULL,
	"refused" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "risk_area_stats_store_id_level_area_pk" PRIMARY KEY("store_id","level","area")
);
--> statement-breakpoint
CREATE TABLE "risk_baselines" (
	"store_id" text PRIMARY KEY NOT NULL,
	"total_p95_minor" bigint NOT NULL,
	"quantity_p95" integer NOT NULL,
	"orders_counted" integer NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "group_id" text;--> statement-breakpoint
-- Existing customers start as their own person; their addresses and IPs come from their orders.
UPDATE "customers" SET "group_id" = "id";--> statement-breakpoint
ALTER TABLE "customers" ALTER COLUMN "group_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "tags" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "client_ip" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "notes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE INDEX "customer_addresses_customer" ON "customer_addresses" USING btree ("store_id","customer_id");--> statement-breakpoint
CREATE INDEX "customers_group" ON "customers" USING btree ("store_id","group_id");--> statement-breakpoint
CREATE INDEX "orders_store_address" ON "orders" USING btree ("store_id","address_key","placed_at") WHERE address_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX "orders_store_ip" ON "orders" USING btree ("store_id","client_ip","placed_at") WHERE client_ip IS NOT NULL;--> statement-breakpoint
INSERT INTO "customer_addresses" ("store_id", "address_key", "customer_id")
  SELECT DISTINCT "store_id", "address_key", "customer_id" FROM "orders" WHERE "address_key" IS NOT NULL
  ON CONFLICT DO NOTHING;--> statement-breakpoint
UPDATE "orders" SET "client_ip" = "client"->>'ip' WHERE "client"->>'ip' IS NOT NULL;