ALTER TABLE "payout_item_entries" DROP CONSTRAINT "payout_item_entries_payout_item_id_payout_items_id_fk";
--> statement-breakpoint
ALTER TABLE "payout_item_entries" DROP CONSTRAINT "payout_item_entries_ledger_entry_id_ledger_entries_id_fk";
--> statement-breakpoint
ALTER TABLE "payout_item_entries" DROP CONSTRAINT "payout_item_entries_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "payout_item_entries" DROP CONSTRAINT "payout_item_entries_payout_item_id_ledger_entry_id_pk";--> statement-breakpoint
CREATE INDEX "payout_item_entries_item_idx" ON "payout_item_entries" USING btree ("payout_item_id");