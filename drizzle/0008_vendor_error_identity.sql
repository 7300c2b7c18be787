ALTER TABLE "cloud_accounts" ADD COLUMN "last_test_error" jsonb;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "error_vendor" text;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "error_http_status" integer;