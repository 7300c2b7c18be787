DROP TABLE "operation_locks" CASCADE;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "lock_key" text;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "audit_action" text;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "correlation_id" uuid;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "actor_email" text;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "actor_roles" text[];--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "intent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cloud_operations" ADD COLUMN "outcome_audited_at" timestamp with time zone;--> statement-breakpoint
-- Rows left pending by the previous runner (it held a lock in operation_locks, now gone) have an
-- unknown outcome: reconciliation settles them against the vendor.
UPDATE "cloud_operations" SET "status" = 'unknown', "updated_at" = now() - interval '1 hour' WHERE "status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "cloud_operations_lock_pending" ON "cloud_operations" USING btree ("lock_key") WHERE "cloud_operations"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "cloud_operations_outcome_open_idx" ON "cloud_operations" USING btree ("intent_at") WHERE "cloud_operations"."intent_at" is not null and "cloud_operations"."outcome_audited_at" is null;--> statement-breakpoint
ALTER TABLE "bulk_grant_jobs" DROP COLUMN "lease_owner";--> statement-breakpoint
ALTER TABLE "bulk_grant_jobs" DROP COLUMN "lease_expires_at";