ALTER TABLE "creators" ADD COLUMN "payout_email" text;--> statement-breakpoint
ALTER TABLE "creators" ADD COLUMN "social_links" jsonb DEFAULT '{}'::jsonb NOT NULL;