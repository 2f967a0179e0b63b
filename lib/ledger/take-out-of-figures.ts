import type { Db } from "@/db/client";
import { appendLedgerEntry, type ConversionChange, type ConversionRow } from "./append-ledger-entry";

/** Why an order credited before Tally's eligibility rules does not earn after all. */
export type IneligibleReason = "test_order" | "unpaid" | "voided";

/**
 * An order that was credited under older rules but does not earn (a test order; an order not paid,
 * or never paid) leaves every figure — never by editing old entries: an `ineligible` entry takes
 * its sale out (amount, commission, and the order from the count), and, when it had refunds, an
 * `ineligible_refund` entry takes those out too, so its gross, refunds and commission all return to
 * zero. Idempotent per reason (`ineligible:{reason}`, `ineligible:{reason}:refund`). `db` must be a
 * transaction holding the conversion's row lock. Returns the conversion as it is now, or null when
 * this correction was already made.
 */
export async function takeOutOfFigures(
  db: Db,
  conversion: ConversionRow,
  input: { reason: IneligibleReason; note: string; occurredAt: Date; deliveryId?: string | null; change: ConversionChange },
): Promise<ConversionRow | null> {
  const sale = await appendLedgerEntry(
    db,
    conversion,
    {
      kind: "ineligible",
      causeKey: `ineligible:${input.reason}`,
      amountCents: -conversion.orderAmountCents,
      commissionCents: -conversion.commissionCents,
      occurredAt: input.occurredAt,
      note: input.note,
      deliveryId: input.deliveryId ?? null,
    },
    input.change,
  );
  if (!sale) return null;
  if (sale.refundAmountCents === 0 && sale.refundedCommissionCents === 0) return sale;
  return (
    (await appendLedgerEntry(
      db,
      sale,
      {
        kind: "ineligible_refund",
        causeKey: `ineligible:${input.reason}:refund`,
        amountCents: sale.refundAmountCents,
        commissionCents: sale.refundedCommissionCents,
        occurredAt: input.occurredAt,
        note: `${input.note} Its refunds are taken out with it.`,
        deliveryId: input.deliveryId ?? null,
      },
      input.change,
    )) ?? sale
  );
}
