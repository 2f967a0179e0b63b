import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries } from "@/db/schema";
import { recordConversionEvent, type ConversionEventType } from "@/lib/events/record-conversion-event";
import { isRefundSide, type LedgerEntryKind } from "./kinds";

export type ConversionRow = typeof conversions.$inferSelect;

export type LedgerEntryInput = {
  kind: LedgerEntryKind;
  /** The idempotency key: one entry per (conversion, cause), ever (`sale`, `refund:{id}`, …). */
  causeKey: string;
  /** Signed, as the entry reads: a sale positive, a refund negative. Integer minor units of the conversion's currency. */
  amountCents: number;
  commissionCents: number;
  /** The day the entry counts on (a sale on the order's day, a refund on the refund's). */
  occurredAt: Date;
  /** Why, in words a brand reads on the order page. */
  note?: string | null;
  /** The webhook delivery that caused it, if any. */
  deliveryId?: string | null;
};

/** What else changes on the conversion with the entry (its status, the awaiting-payment figures). */
export type ConversionChange = Partial<Pick<ConversionRow, "status" | "pendingAmountCents" | "pendingCommissionCents" | "testOrder">>;

/**
 * The only way money enters the ledger: appends one entry and moves the conversion's running totals
 * in the same transaction — sale-side kinds move `order_amount_cents` / `commission_cents`,
 * refund-side kinds move `refund_amount_cents` / `refunded_commission_cents` (and a refund the
 * `refund_at`) — applying `change` with them. Idempotent by cause key: an entry already written
 * changes nothing and returns null (the totals are not moved twice, `change` is not applied).
 *
 * `db` must be a transaction that holds the conversion's row lock (or created the conversion), so
 * that concurrent writers of one conversion apply one after another. Returns the conversion as it
 * is now.
 *
 * Every entry writes exactly one outbound event in the same transaction (lib/events), keyed by the
 * entry: `conversion.refunded` for a refund or cancellation, `conversion.status_changed` when
 * `change` moves the status, otherwise `conversion.adjusted`; `eventType` overrides it (the first
 * sale of a new conversion is its `conversion.created`).
 */
export async function appendLedgerEntry(
  db: Db,
  conversion: Pick<ConversionRow, "id" | "workspaceId" | "currency" | "status">,
  entry: LedgerEntryInput,
  change: ConversionChange = {},
  eventType?: ConversionEventType,
): Promise<ConversionRow | null> {
  if (!Number.isSafeInteger(entry.amountCents) || !Number.isSafeInteger(entry.commissionCents)) {
    throw new RangeError(`Ledger amounts must be integers of minor units, got ${entry.amountCents} / ${entry.commissionCents}.`);
  }
  const [written] = await db
    .insert(ledgerEntries)
    .values({
      workspaceId: conversion.workspaceId,
      conversionId: conversion.id,
      kind: entry.kind,
      amountCents: entry.amountCents,
      commissionCents: entry.commissionCents,
      currency: conversion.currency,
      causeKey: entry.causeKey,
      deliveryId: entry.deliveryId ?? null,
      note: entry.note ?? null,
      occurredAt: entry.occurredAt,
    })
    .onConflictDoNothing({ target: [ledgerEntries.conversionId, ledgerEntries.causeKey] })
    .returning({ id: ledgerEntries.id });
  if (!written) return null;
  const totals = isRefundSide(entry.kind)
    ? {
        refundAmountCents: sql`${conversions.refundAmountCents} - ${entry.amountCents}`,
        refundedCommissionCents: sql`${conversions.refundedCommissionCents} - ${entry.commissionCents}`,
        ...(entry.kind === "refund" ? { refundAt: sql`GREATEST(${conversions.refundAt}, ${entry.occurredAt.toISOString()}::timestamptz)` } : {}),
      }
    : {
        orderAmountCents: sql`${conversions.orderAmountCents} + ${entry.amountCents}`,
        commissionCents: sql`${conversions.commissionCents} + ${entry.commissionCents}`,
      };
  const [updated] = await db
    .update(conversions)
    .set({ ...totals, ...change, updatedAt: new Date() })
    .where(sql`${conversions.id} = ${conversion.id}`)
    .returning();
  if (!updated) throw new Error(`Conversion ${conversion.id} does not exist.`);
  await recordConversionEvent(db, { ...ledgerEvent(conversion.status, updated, entry, eventType), conversion: updated, sourceKey: `ledger:${written.id}` });
  return updated;
}

/** Which event an entry is, and what it says beside the conversion. */
function ledgerEvent(before: ConversionRow["status"], after: ConversionRow, entry: LedgerEntryInput, override: ConversionEventType | undefined) {
  const statusMoved = after.status !== before;
  const previous = statusMoved ? { previous_status: before } : {};
  if (override) return { type: override, extra: previous };
  if (entry.kind === "refund" || entry.kind === "cancellation") {
    return {
      type: "conversion.refunded" as const,
      extra: {
        ...previous,
        refund: { kind: entry.kind, amount: -entry.amountCents, commission: -entry.commissionCents, occurred_at: entry.occurredAt.toISOString() },
      },
    };
  }
  const adjustment = { kind: entry.kind, amount: entry.amountCents, commission: entry.commissionCents, occurred_at: entry.occurredAt.toISOString(), note: entry.note ?? null };
  if (statusMoved) return { type: "conversion.status_changed" as const, extra: { ...previous, adjustment } };
  return { type: "conversion.adjusted" as const, extra: { adjustment } };
}
