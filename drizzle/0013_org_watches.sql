CREATE TABLE "org_watches" (
	"org" text PRIMARY KEY NOT NULL,
	"searched_to" timestamp with time zone NOT NULL,
	"unsettled_until" timestamp with time zone NOT NULL,
	"full_pass_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
