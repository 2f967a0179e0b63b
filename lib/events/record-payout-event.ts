import type { Db } from "@/db/client";
import type { PayoutItemRow, PayoutRow } from "@/lib/payouts/list-payouts";
import { payoutItemJson, payoutJson } from "@/lib/serializers/payouts";
import { recordEvent } from "./record-event";

export type PayoutEventType = "payout.created" | "payout.paid" | "payout.item_failed";

/**
 * A payout event, in the transaction of the change it tells of (see recordEvent): `data` is the
 * payout with its items as `GET /api/v1/payouts/{id}` shows it after the change; `payout.item_failed`
 * also carries the failed `item`. One event per cause: `payout:{id}:created`, `payout:{id}:paid`,
 * `payout_item:{id}:failed`.
 */
export function recordPayoutEvent(
  db: Db,
  input: { type: PayoutEventType; payout: PayoutRow; items: PayoutItemRow[]; failedItem?: PayoutItemRow | undefined },
): Promise<string | null> {
  const { type, payout, items, failedItem } = input;
  const sourceKey = type === "payout.item_failed" && failedItem ? `payout_item:${failedItem.id}:failed` : `payout:${payout.id}:${type === "payout.created" ? "created" : "paid"}`;
  return recordEvent(db, {
    workspaceId: payout.workspaceId,
    type,
    sourceKey,
    subjectId: payout.id,
    data: { ...payoutJson(payout, items), ...(failedItem ? { item: payoutItemJson(failedItem) } : {}) },
  });
}
