import type { conversionStatus } from "@/db/schema";

export type ConversionStatus = (typeof conversionStatus.enumValues)[number];

/**
 * A conversion's status and what it means for the ledger:
 * - the sale is in the ledger (refunds and cancellations reverse it): approved, flagged, denied (a
 *   denied sale counts with no commission), reversed;
 * - nothing is in the ledger: pending (not paid yet: refunds wait until it is), voided (never paid).
 */
export function saleInLedger(status: ConversionStatus): boolean {
  return status === "approved" || status === "flagged" || status === "denied" || status === "reversed";
}

/**
 * The status once all of it is refunded or cancelled: `reversed` means commission was earned and
 * then taken back, so only approved and flagged conversions become reversed; a denied one earned
 * nothing and stays denied.
 */
export function statusWhenFullyReversed(status: ConversionStatus): ConversionStatus {
  return status === "approved" || status === "flagged" ? "reversed" : status;
}
