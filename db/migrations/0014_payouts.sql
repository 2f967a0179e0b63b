CREATE TYPE "public"."payout_item_status" AS ENUM('pending', 'paid', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."payout_status" AS ENUM('draft', 'processing', 'paid', 'cancelled');--> statement-breakpoint
CREATE TABLE "payout_item_entries" (
	"payout_item_id" text NOT NULL,
	"ledger_entry_id" text NOT NULL,
	"workspace_id" text NOT NULL,
	"released_at" timestamp with time zone,
	CONSTRAINT "payout_item_entries_payout_item_id_ledger_entry_id_pk" PRIMARY KEY("payout_item_id","ledger_entry_id")
);
--> statement-breakpoint
CREATE TABLE "payout_items" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"payout_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"currency" text NOT NULL,
	"amount_cents" bigint NOT NULL,
	"entries_count" integer NOT NULL,
	"orders_count" integer NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"status" "payout_item_status" DEFAULT 'pending' NOT NULL,
	"reference" text,
	"failure_reason" text,
	"paid_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payout_items_amount_positive" CHECK ("payout_items"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"number" integer NOT NULL,
	"currency" text NOT NULL,
	"status" "payout_status" DEFAULT 'draft' NOT NULL,
	"cutoff_at" timestamp with time zone NOT NULL,
	"minimum_amount_cents" bigint DEFAULT 0 NOT NULL,
	"total_cents" bigint DEFAULT 0 NOT NULL,
	"items_count" integer DEFAULT 0 NOT NULL,
	"entries_count" integer DEFAULT 0 NOT NULL,
	"reference" text,
	"created_by_user_id" text,
	"processing_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "payout_hold_days" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
ALTER TABLE "payout_item_entries" ADD CONSTRAINT "payout_item_entries_payout_item_id_payout_items_id_fk" FOREIGN KEY ("payout_item_id") REFERENCES "public"."payout_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_item_entries" ADD CONSTRAINT "payout_item_entries_ledger_entry_id_ledger_entries_id_fk" FOREIGN KEY ("ledger_entry_id") REFERENCES "public"."ledger_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_item_entries" ADD CONSTRAINT "payout_item_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_payout_id_payouts_id_fk" FOREIGN KEY ("payout_id") REFERENCES "public"."payouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_items" ADD CONSTRAINT "payout_items_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_item_entries_live_entry_key" ON "payout_item_entries" USING btree ("ledger_entry_id") WHERE released_at IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "payout_items_payout_creator_key" ON "payout_items" USING btree ("payout_id","creator_id");--> statement-breakpoint
CREATE INDEX "payout_items_creator_idx" ON "payout_items" USING btree ("creator_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_workspace_number_key" ON "payouts" USING btree ("workspace_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_in_progress_key" ON "payouts" USING btree ("workspace_id","currency") WHERE status IN ('draft', 'processing');--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_payout_hold_days_range" CHECK ("workspaces"."payout_hold_days" BETWEEN 0 AND 365);