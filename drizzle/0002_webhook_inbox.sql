CREATE TABLE "webhook_deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"hook_id" text DEFAULT '' NOT NULL,
	"delivery_id" text NOT NULL,
	"event" text,
	"action" text,
	"status" text NOT NULL,
	"signature_ok" boolean NOT NULL,
	"reason" text,
	"error" text,
	"content_type" text,
	"payload" "bytea",
	"repository_id" bigint,
	"installation_id" bigint,
	"attempts" integer DEFAULT 0 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"next_attempt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_key" ON "webhook_deliveries" USING btree ("hook_id","delivery_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_status_idx" ON "webhook_deliveries" USING btree ("status","received_at");