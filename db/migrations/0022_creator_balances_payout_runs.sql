CREATE TYPE "public"."payout_run_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "creator_balances" (
	"workspace_id" text NOT NULL,
	"creator_id" text NOT NULL,
	"currency" text NOT NULL,
	"net_cents" bigint DEFAULT 0 NOT NULL,
	"entries_count" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "creator_balances_workspace_id_creator_id_currency_pk" PRIMARY KEY("workspace_id","creator_id","currency")
);
--> statement-breakpoint
CREATE TABLE "payout_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"currency" text NOT NULL,
	"status" "payout_run_status" DEFAULT 'running' NOT NULL,
	"cutoff_at" timestamp with time zone NOT NULL,
	"minimum_amount_cents" bigint DEFAULT 0 NOT NULL,
	"creators_total" integer DEFAULT 0 NOT NULL,
	"creators_done" integer DEFAULT 0 NOT NULL,
	"payout_id" text,
	"error" text,
	"created_by_user_id" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "creator_id" text;--> statement-breakpoint
ALTER TABLE "ledger_entries" ADD COLUMN "hold_from" timestamp with time zone;--> statement-breakpoint
-- Existing entries: their creator and hold start, as the trigger will set them for new ones.
UPDATE "ledger_entries" e SET "creator_id" = cv.creator_id, "hold_from" = COALESCE(o.paid_at, o.processed_at, cv.order_created_at)
FROM "conversions" cv JOIN "orders" o ON o.id = cv.order_id WHERE cv.id = e.conversion_id;--> statement-breakpoint
ALTER TABLE "creator_balances" ADD CONSTRAINT "creator_balances_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payout_runs" ADD CONSTRAINT "payout_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "creator_balances_creator_idx" ON "creator_balances" USING btree ("creator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payout_runs_running_key" ON "payout_runs" USING btree ("workspace_id","currency") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "payout_runs_workspace_created_idx" ON "payout_runs" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "ledger_entries_creator_hold_idx" ON "ledger_entries" USING btree ("creator_id","hold_from");--> statement-breakpoint
INSERT INTO "creator_balances" (workspace_id, creator_id, currency, net_cents, entries_count)
SELECT workspace_id, creator_id, currency, SUM(commission_cents), COUNT(*) FROM "ledger_entries" WHERE creator_id IS NOT NULL GROUP BY 1, 2, 3;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "ledger_entries_derive"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT cv.creator_id, COALESCE(o.paid_at, o.processed_at, cv.order_created_at)
    INTO NEW.creator_id, NEW.hold_from
    FROM conversions cv JOIN orders o ON o.id = cv.order_id WHERE cv.id = NEW.conversion_id;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "ledger_entries_balances"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO creator_balances AS b (workspace_id, creator_id, currency, net_cents, entries_count, updated_at)
  SELECT workspace_id, creator_id, currency, SUM(commission_cents), COUNT(*), now()
  FROM new_entries
  GROUP BY workspace_id, creator_id, currency
  ORDER BY workspace_id, creator_id, currency
  ON CONFLICT (workspace_id, creator_id, currency) DO UPDATE SET
    net_cents = b.net_cents + EXCLUDED.net_cents,
    entries_count = b.entries_count + EXCLUDED.entries_count,
    updated_at = now();
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "ledger_entries_derive" BEFORE INSERT ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION "ledger_entries_derive"();--> statement-breakpoint
CREATE TRIGGER "ledger_entries_balances" AFTER INSERT ON "ledger_entries" REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION "ledger_entries_balances"();
