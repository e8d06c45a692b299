CREATE TABLE "risk_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"list" text NOT NULL,
	"type" text NOT NULL,
	"key" text NOT NULL,
	"last9" text,
	"value" jsonb NOT NULL,
	"reason" text NOT NULL,
	"created_by" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "risk_lists_list" CHECK ("risk_lists"."list" IN ('block', 'allow')),
	CONSTRAINT "risk_lists_type" CHECK ("risk_lists"."type" IN ('phone', 'email', 'ip', 'address'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "risk_lists_key" ON "risk_lists" USING btree ("store_id","list","type","key");--> statement-breakpoint
CREATE INDEX "risk_lists_last9" ON "risk_lists" USING btree ("store_id","last9") WHERE last9 IS NOT NULL;--> statement-breakpoint
CREATE INDEX "risk_lists_newest" ON "risk_lists" USING btree ("store_id","list","id");