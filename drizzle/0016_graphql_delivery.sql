ALTER TABLE "workflow_runs" ADD COLUMN "node_id" text;--> statement-breakpoint
ALTER TABLE "workflow_jobs" DROP COLUMN "created_at";