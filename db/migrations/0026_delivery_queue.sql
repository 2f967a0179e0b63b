ALTER TABLE "webhook_deliveries" ADD COLUMN IF NOT EXISTS "priority" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN IF NOT EXISTS "claimed_by" text;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD COLUMN IF NOT EXISTS "claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "webhook_deliveries_ready_idx" ON "webhook_deliveries" USING btree ("priority","received_at") WHERE status = 'received';--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "webhook_deliveries_claim_idx" ON "webhook_deliveries" USING btree ("claimed_until") WHERE status = 'processing';