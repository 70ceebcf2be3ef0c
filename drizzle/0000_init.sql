CREATE TABLE "accounts" (
	"id" bigint PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"type" text NOT NULL,
	"name" text,
	"avatar_url" text,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "commits" (
	"repository_id" bigint NOT NULL,
	"sha" text NOT NULL,
	"author_id" bigint,
	"author_name" text,
	"author_email" text,
	"committer_id" bigint,
	"committer_name" text,
	"committer_email" text,
	"authored_at" timestamp with time zone,
	"committed_at" timestamp with time zone,
	"message" text DEFAULT '' NOT NULL,
	"additions" integer,
	"deletions" integer,
	"on_default_branch" boolean DEFAULT true NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "commits_repository_id_sha_pk" PRIMARY KEY("repository_id","sha")
);
--> statement-breakpoint
CREATE TABLE "contributors" (
	"repository_id" bigint NOT NULL,
	"account_id" bigint NOT NULL,
	"login" text NOT NULL,
	"contributions" integer NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contributors_repository_id_account_id_pk" PRIMARY KEY("repository_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"label" text NOT NULL,
	"fingerprint" text NOT NULL,
	"token_encrypted" "bytea",
	"installation_id" bigint,
	"status" text DEFAULT 'valid' NOT NULL,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credentials_fingerprint_unique" UNIQUE("fingerprint")
);
--> statement-breakpoint
CREATE TABLE "etags" (
	"url" text PRIMARY KEY NOT NULL,
	"etag" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_comments" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"issue_number" integer NOT NULL,
	"author_id" bigint,
	"author_login" text,
	"body" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"author_id" bigint,
	"author_login" text,
	"state" text NOT NULL,
	"state_reason" text,
	"labels" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"assignees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comments_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pull_request_reviews" (
	"id" bigint PRIMARY KEY NOT NULL,
	"pull_request_id" bigint NOT NULL,
	"repository_id" bigint NOT NULL,
	"author_id" bigint,
	"author_login" text,
	"state" text NOT NULL,
	"body" text,
	"commit_id" text,
	"submitted_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pull_requests" (
	"id" bigint PRIMARY KEY NOT NULL,
	"repository_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"title" text NOT NULL,
	"author_id" bigint,
	"author_login" text,
	"state" text NOT NULL,
	"draft" boolean DEFAULT false NOT NULL,
	"merged" boolean DEFAULT false NOT NULL,
	"merged_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"additions" integer,
	"deletions" integer,
	"changed_files" integer,
	"base_ref" text,
	"head_ref" text,
	"head_sha" text,
	"merge_commit_sha" text,
	"reviews_synced_for" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"credential_id" bigint NOT NULL,
	"resource" text NOT NULL,
	"limit" integer NOT NULL,
	"remaining" integer NOT NULL,
	"used" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rate_limits_credential_id_resource_pk" PRIMARY KEY("credential_id","resource")
);
--> statement-breakpoint
CREATE TABLE "repositories" (
	"id" bigint PRIMARY KEY NOT NULL,
	"owner_id" bigint,
	"owner" text NOT NULL,
	"name" text NOT NULL,
	"full_name" text NOT NULL,
	"description" text,
	"private" boolean DEFAULT false NOT NULL,
	"fork" boolean DEFAULT false NOT NULL,
	"archived" boolean DEFAULT false NOT NULL,
	"default_branch" text,
	"stars" integer DEFAULT 0 NOT NULL,
	"forks" integer DEFAULT 0 NOT NULL,
	"language" text,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone,
	"updated_at" timestamp with time zone,
	"pushed_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"tracked" boolean DEFAULT false NOT NULL,
	"sync_depth" text,
	"last_synced_at" timestamp with time zone,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_checkpoints" (
	"repository_id" bigint NOT NULL,
	"entity" text NOT NULL,
	"cursor" text,
	"high_water_mark" timestamp with time zone,
	"backfill_since" timestamp with time zone,
	"backfill_complete" boolean DEFAULT false NOT NULL,
	"items_done" integer DEFAULT 0 NOT NULL,
	"items_total" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_checkpoints_repository_id_entity_pk" PRIMARY KEY("repository_id","entity")
);
--> statement-breakpoint
CREATE TABLE "sync_jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"status" text NOT NULL,
	"repository_id" bigint,
	"target" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"not_modified" integer DEFAULT 0 NOT NULL,
	"points_used" integer DEFAULT 0 NOT NULL,
	"error" text,
	"resume_at" timestamp with time zone,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "commits_repo_committed_idx" ON "commits" USING btree ("repository_id","committed_at");--> statement-breakpoint
CREATE INDEX "commits_author_idx" ON "commits" USING btree ("author_id","authored_at");--> statement-breakpoint
CREATE INDEX "issue_comments_repo_issue_idx" ON "issue_comments" USING btree ("repository_id","issue_number");--> statement-breakpoint
CREATE INDEX "issues_repo_number_idx" ON "issues" USING btree ("repository_id","number");--> statement-breakpoint
CREATE INDEX "pull_request_reviews_pr_idx" ON "pull_request_reviews" USING btree ("pull_request_id");--> statement-breakpoint
CREATE INDEX "pull_request_reviews_author_idx" ON "pull_request_reviews" USING btree ("author_id","submitted_at");--> statement-breakpoint
CREATE INDEX "pull_requests_repo_number_idx" ON "pull_requests" USING btree ("repository_id","number");--> statement-breakpoint
CREATE INDEX "pull_requests_author_idx" ON "pull_requests" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "repositories_full_name_idx" ON "repositories" USING btree (lower("full_name"));--> statement-breakpoint
CREATE INDEX "sync_jobs_status_idx" ON "sync_jobs" USING btree ("status","queued_at");