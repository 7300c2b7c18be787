CREATE TABLE "read_versions" (
	"resource" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 1 NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vendor_pace_slots" (
	"vendor" text NOT NULL,
	"credential" text NOT NULL,
	"action" text NOT NULL,
	"next_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendor_pace_slots_vendor_credential_action_pk" PRIMARY KEY("vendor","credential","action")
);
