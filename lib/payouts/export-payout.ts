import { csvCell, csvLine } from "@/lib/dashboard/export-csv";
import { toDecimalString } from "@/lib/money";
import { payoutLabel } from "./create-payout";
import type { PayoutItemRow, PayoutRow } from "./list-payouts";

/** The items that are still to be paid or were paid: failed and cancelled items are not in a file to pay. */
const payable = (items: PayoutItemRow[]) => items.filter((i) => i.status === "pending" || i.status === "paid");

const day = (d: Date) => d.toISOString().slice(0, 10);

export const GENERIC_COLUMNS = ["payout", "item_id", "creator_id", "creator_name", "payout_email", "amount", "currency", "orders", "entries", "period_start", "period_end", "status", "reference"] as const;

/** The generic CSV of a payout: one row per item, amounts as exact major-unit strings from integer cents. */
export function payoutCsv(payout: PayoutRow, items: PayoutItemRow[]): string {
  let out = csvLine([...GENERIC_COLUMNS]);
  for (const i of payable(items)) {
    out += csvLine([
      payoutLabel(payout.number),
      i.id,
      i.creatorId,
      csvCell(i.creatorName, { text: true }),
      csvCell(i.payoutEmail, { text: true }),
      toDecimalString(i.amountCents, payout.currency),
      payout.currency,
      String(i.ordersCount),
      String(i.entriesCount),
      day(i.periodStart),
      day(i.periodEnd),
      i.status,
      csvCell(i.reference, { text: true }),
    ]);
  }
  return out;
}

/**
 * PayPal Payouts Web's payment file (developer.paypal.com/payouts/use-payouts/send-money/use-web-ui):
 * no header row; per payment: recipient identifier (the creator's email), amount, currency (one per
 * file), customer ID (unique per row: the item id, 30 characters), note to the recipient, wallet
 * `PAYPAL`. Up to 5,000 rows per file.
 */
export function payoutPaypalCsv(payout: PayoutRow, items: PayoutItemRow[], brandName: string): string {
  let out = "";
  for (const i of payable(items)) {
    const note = `${brandName} commission ${day(i.periodStart)} to ${day(i.periodEnd)} (${payoutLabel(payout.number)}, ${i.ordersCount} order${i.ordersCount === 1 ? "" : "s"})`;
    out += csvLine([csvCell(i.payoutEmail), toDecimalString(i.amountCents, payout.currency), payout.currency, i.id, csvCell(note, { text: true }), "PAYPAL"]);
  }
  return out;
}

export const PAYPAL_MAX_ROWS = 5000;
