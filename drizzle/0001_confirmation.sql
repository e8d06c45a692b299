CREATE TABLE "inbound_messages" (
	"store_id" text NOT NULL,
	"channel" text NOT NULL,
	"provider_message_id" text NOT NULL,
	"from_address" text NOT NULL,
	"context_id" text,
	"text" text,
	"payload" text,
	"intent" text,
	"order_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "inbound_messages_store_id_channel_provider_message_id_pk" PRIMARY KEY("store_id","channel","provider_message_id")
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"store_id" text NOT NULL,
	"key" text NOT NULL,
	"lang" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "message_templates_store_id_key_lang_pk" PRIMARY KEY("store_id","key","lang")
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"order_id" text,
	"channel" text NOT NULL,
	"provider" text NOT NULL,
	"to_address" text NOT NULL,
	"template" text,
	"lang" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"payload" jsonb,
	"status" text NOT NULL,
	"provider_message_id" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"sending_since" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "confirmation_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"store_id" text NOT NULL,
	"order_id" text NOT NULL,
	"purpose" text NOT NULL,
	"channel" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"store_id" text NOT NULL,
	"order_id" text NOT NULL,
	"status" text NOT NULL,
	"step" integer DEFAULT -1 NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"next_step_at" timestamp with time zone,
	"placed_at" timestamp with time zone NOT NULL,
	"total_minor" bigint NOT NULL,
	"queued_at" timestamp with time zone,
	"call_attempts" integer DEFAULT 0 NOT NULL,
	"call_back_at" timestamp with time zone,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"confirmed_via" text,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "verifications_store_id_order_id_pk" PRIMARY KEY("store_id","order_id")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "customer_language" text;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_dedupe" ON "messages" USING btree ("store_id","dedupe_key") WHERE dedupe_key IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "messages_provider_id" ON "messages" USING btree ("store_id","channel","provider_message_id") WHERE provider_message_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "messages_order" ON "messages" USING btree ("store_id","order_id","id");--> statement-breakpoint
CREATE INDEX "messages_store" ON "messages" USING btree ("store_id","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "messages_to" ON "messages" USING btree ("store_id","channel","to_address","id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "confirmation_links_order" ON "confirmation_links" USING btree ("store_id","order_id");--> statement-breakpoint
CREATE INDEX "verifications_call_queue" ON "verifications" USING btree ("store_id","queued_at","total_minor" DESC NULLS LAST) WHERE status = 'call_queue';--> statement-breakpoint
CREATE INDEX "verifications_due" ON "verifications" USING btree ("next_step_at") WHERE next_step_at IS NOT NULL;