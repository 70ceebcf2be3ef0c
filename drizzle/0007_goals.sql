CREATE TABLE "goal_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"goal_id" bigint NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"current" integer NOT NULL,
	"target" integer NOT NULL,
	"completed_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "goals" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" bigint NOT NULL,
	"title" text NOT NULL,
	"metric" text NOT NULL,
	"window" text NOT NULL,
	"target" integer NOT NULL,
	"repository_id" bigint,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"current" integer DEFAULT 0 NOT NULL,
	"completed_at" timestamp with time zone,
	"evaluated_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "goal_history" ADD CONSTRAINT "goal_history_goal_id_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "goals" ADD CONSTRAINT "goals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "goal_history_period_key" ON "goal_history" USING btree ("goal_id","period_start");--> statement-breakpoint
CREATE INDEX "goals_user_idx" ON "goals" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "goals_open_period_idx" ON "goals" USING btree ("period_end") WHERE "goals"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "commits_author_email_idx" ON "commits" USING btree (lower("author_email"),"authored_at");--> statement-breakpoint
CREATE INDEX "issues_author_idx" ON "issues" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "issues_closed_idx" ON "issues" USING btree ("closed_at") WHERE "issues"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "pull_requests_author_merged_idx" ON "pull_requests" USING btree ("author_id","merged_at") WHERE "pull_requests"."merged_at" is not null;