CREATE TABLE "metric_snapshots" (
	"subject_type" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"day" date NOT NULL,
	"metrics" jsonb NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "metric_snapshots_subject_type_subject_id_day_pk" PRIMARY KEY("subject_type","subject_id","day")
);
--> statement-breakpoint
ALTER TABLE "pull_requests" ADD COLUMN "first_commit_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pull_requests" ADD COLUMN "ready_for_review_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pull_requests" ADD COLUMN "details_synced_for" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "metric_snapshots_day_idx" ON "metric_snapshots" USING btree ("day");--> statement-breakpoint
CREATE INDEX "pull_request_reviews_repo_submitted_idx" ON "pull_request_reviews" USING btree ("repository_id","submitted_at");--> statement-breakpoint
CREATE INDEX "pull_requests_repo_created_idx" ON "pull_requests" USING btree ("repository_id","created_at");--> statement-breakpoint
CREATE INDEX "pull_requests_repo_merged_idx" ON "pull_requests" USING btree ("repository_id","merged_at");