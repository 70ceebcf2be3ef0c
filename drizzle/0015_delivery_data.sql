CREATE TABLE "check_runs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"check_suite_id" bigint,
	"head_sha" text NOT NULL,
	"name" text NOT NULL,
	"app_slug" text,
	"status" text,
	"conclusion" text,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "check_suites" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"head_sha" text NOT NULL,
	"head_branch" text,
	"app_slug" text,
	"status" text,
	"conclusion" text,
	"created_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployment_statuses" (
	"id" bigint PRIMARY KEY NOT NULL,
	"deployment_id" bigint NOT NULL,
	"repository_id" bigint NOT NULL,
	"state" text NOT NULL,
	"environment" text,
	"creator_id" bigint,
	"creator_login" text,
	"description" text,
	"created_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"sha" text NOT NULL,
	"ref" text,
	"task" text,
	"environment" text NOT NULL,
	"creator_id" bigint,
	"creator_login" text,
	"description" text,
	"latest_state" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"statuses_synced_for" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pull_request_events" (
	"key" text PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"pull_request_number" integer NOT NULL,
	"event" text NOT NULL,
	"actor_id" bigint,
	"actor_login" text,
	"subject" text,
	"created_at" timestamp with time zone NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"tag_name" text NOT NULL,
	"target_commitish" text,
	"tag_sha" text,
	"name" text,
	"draft" boolean DEFAULT false NOT NULL,
	"prerelease" boolean DEFAULT false NOT NULL,
	"author_id" bigint,
	"author_login" text,
	"created_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_comments" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"pull_request_number" integer NOT NULL,
	"review_id" bigint,
	"in_reply_to_id" bigint,
	"author_id" bigint,
	"author_login" text,
	"body" text,
	"path" text,
	"line" integer,
	"commit_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"login" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_members_team_id_account_id_pk" PRIMARY KEY("team_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" bigint PRIMARY KEY NOT NULL,
	"org" text NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"privacy" text,
	"parent_id" bigint,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_jobs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"run_id" bigint NOT NULL,
	"repository_id" bigint NOT NULL,
	"run_attempt" integer DEFAULT 1 NOT NULL,
	"name" text NOT NULL,
	"status" text,
	"conclusion" text,
	"created_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_runs" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"workflow_id" bigint NOT NULL,
	"workflow_name" text,
	"workflow_path" text,
	"run_number" integer NOT NULL,
	"run_attempt" integer DEFAULT 1 NOT NULL,
	"event" text NOT NULL,
	"head_branch" text,
	"head_sha" text NOT NULL,
	"status" text,
	"conclusion" text,
	"actor_id" bigint,
	"actor_login" text,
	"pull_numbers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"check_suite_id" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"run_started_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"jobs_synced_for" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "check_runs_repo_sha_idx" ON "check_runs" USING btree ("repository_id","head_sha");--> statement-breakpoint
CREATE INDEX "check_suites_repo_sha_idx" ON "check_suites" USING btree ("repository_id","head_sha");--> statement-breakpoint
CREATE INDEX "deployment_statuses_deployment_idx" ON "deployment_statuses" USING btree ("deployment_id","created_at");--> statement-breakpoint
CREATE INDEX "deployments_repo_env_created_idx" ON "deployments" USING btree ("repository_id","environment","created_at");--> statement-breakpoint
CREATE INDEX "pull_request_events_repo_pull_idx" ON "pull_request_events" USING btree ("repository_id","pull_request_number");--> statement-breakpoint
CREATE INDEX "releases_repo_published_idx" ON "releases" USING btree ("repository_id","published_at");--> statement-breakpoint
CREATE INDEX "review_comments_repo_pull_idx" ON "review_comments" USING btree ("repository_id","pull_request_number");--> statement-breakpoint
CREATE INDEX "teams_org_slug_idx" ON "teams" USING btree (lower("org"),"slug");--> statement-breakpoint
CREATE INDEX "workflow_jobs_run_idx" ON "workflow_jobs" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "workflow_runs_repo_created_idx" ON "workflow_runs" USING btree ("repository_id","created_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_repo_sha_idx" ON "workflow_runs" USING btree ("repository_id","head_sha");