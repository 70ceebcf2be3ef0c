CREATE TABLE "api_tokens" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "queue_job_id" text;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "worker" text;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_jobs" ADD COLUMN "priority" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "sync_jobs_repository_idx" ON "sync_jobs" USING btree ("repository_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_jobs_pending_repository" ON "sync_jobs" USING btree (coalesce("repository_id"::text, lower("target"))) WHERE "sync_jobs"."status" in ('queued', 'waiting') and "sync_jobs"."type" in ('backfill', 'incremental');