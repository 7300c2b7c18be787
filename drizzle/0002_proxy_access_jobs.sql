CREATE TABLE "bulk_grant_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"cloud_account_id" uuid,
	"tenant_id" text NOT NULL,
	"proxy_id" text NOT NULL,
	"instance_id" text NOT NULL,
	"users" jsonb NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"round" integer DEFAULT 1 NOT NULL,
	"lease_owner" text,
	"lease_expires_at" timestamp with time zone,
	"created_by" uuid,
	"created_by_email" text,
	"created_by_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "operation_locks" (
	"key" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulk_grant_jobs" ADD CONSTRAINT "bulk_grant_jobs_cloud_account_id_cloud_accounts_id_fk" FOREIGN KEY ("cloud_account_id") REFERENCES "public"."cloud_accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulk_grant_jobs_idempotency_unique" ON "bulk_grant_jobs" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "bulk_grant_jobs_proxy_idx" ON "bulk_grant_jobs" USING btree ("proxy_id","status");