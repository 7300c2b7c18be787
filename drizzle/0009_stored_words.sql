ALTER TABLE "audit_log" ADD COLUMN "message_words" jsonb;--> statement-breakpoint
ALTER TABLE "cloud_accounts" ADD COLUMN "last_test_words" jsonb;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "error_words" jsonb;