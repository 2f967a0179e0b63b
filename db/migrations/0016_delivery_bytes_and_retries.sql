ALTER TABLE "webhook_deliveries" ALTER COLUMN "raw_body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "raw_body_bytes" "bytea";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN "failing_since" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_retry_idx" ON "webhook_deliveries" USING btree ("retry_at") WHERE status = 'failed' AND retry_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_workspace_failing_idx" ON "webhook_deliveries" USING btree ("workspace_id","failing_since") WHERE status = 'failed';--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_one_body" CHECK ((raw_body IS NULL) <> (raw_body_bytes IS NULL));