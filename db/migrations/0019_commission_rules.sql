ALTER TABLE "campaigns" ADD COLUMN "commission_rules" jsonb;--> statement-breakpoint
ALTER TABLE "campaigns" ADD COLUMN "commission_rules_updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "commission_rate_bps" integer;--> statement-breakpoint
ALTER TABLE "enrollments" ADD CONSTRAINT "enrollments_commission_rate_bps_range" CHECK (commission_rate_bps IS NULL OR commission_rate_bps BETWEEN 0 AND 10000);