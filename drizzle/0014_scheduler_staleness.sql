ALTER TABLE "org_watches" DROP CONSTRAINT "org_watches_pkey";--> statement-breakpoint
ALTER TABLE "org_watches" ADD COLUMN "scope" text DEFAULT 'org' NOT NULL;--> statement-breakpoint
ALTER TABLE "org_watches" ADD COLUMN "list_etag" text;--> statement-breakpoint
ALTER TABLE "org_watches" ADD CONSTRAINT "org_watches_org_scope_pk" PRIMARY KEY("org","scope");--> statement-breakpoint
ALTER TABLE "repositories" ADD COLUMN "current_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repositories" ADD COLUMN "changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repositories" ADD COLUMN "poll_due_at" timestamp with time zone;--> statement-breakpoint
UPDATE "repositories" SET "current_at" = "last_synced_at";
