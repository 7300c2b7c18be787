ALTER TABLE "bulk_grant_jobs" ADD COLUMN "retried_by" uuid;--> statement-breakpoint
ALTER TABLE "bulk_grant_jobs" ADD COLUMN "retried_by_email" text;--> statement-breakpoint
ALTER TABLE "bulk_grant_jobs" ADD COLUMN "retried_by_roles" text[];