import { z } from "zod";
import type { Balance } from "@/lib/payouts/get-balances";
import type { PayoutItemRow, PayoutRow } from "@/lib/payouts/list-payouts";
import { payoutLabel } from "@/lib/payouts/create-payout";
import { HOLD_DAYS_MAX } from "@/lib/payouts/update-payout-settings";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/json-cursor";
import { ZListQuery } from "./pagination";
import { parseInput } from "./request";

/** `POST /payouts`: `cutoff` an ISO time with an offset (default now), `minimum_amount` minor units (default 0). */
export const ZCreatePayout = z
  .object({
    currency: z.string({ required_error: "currency is required (ISO 4217, e.g. USD)." }).trim().min(3).max(3, "currency is a three-letter ISO 4217 code."),
    cutoff: z.string().datetime({ offset: true, message: "cutoff must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T00:00:00Z." }).optional(),
    minimum_amount: z.number().int("minimum_amount is a whole number of minor units.").min(0, "minimum_amount cannot be negative.").max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

export const ZMarkPayoutPaid = z
  .object({
    reference: z.string().trim().min(1).max(200).optional(),
    item_references: z.record(z.string().trim().min(1).max(200)).optional(),
  })
  .strict();

export const ZFailPayoutItem = z.object({ reason: z.string({ required_error: "Say why the item failed: reason." }).trim().min(1, "reason must not be empty.").max(500) }).strict();

export const ZUpdateSettings = z.object({ payout_hold_days: z.number().int("payout_hold_days is a whole number of days.").min(0).max(HOLD_DAYS_MAX) }).strict();

export function parsePayoutsQuery(url: URL) {
  const q = parseInput(ZListQuery, Object.fromEntries(url.searchParams), { message: "Invalid query parameters." });
  return { limit: q.limit, beforeNumber: q.cursor ? decodeJsonCursor(q.cursor, z.object({ n: z.number().int().positive() }).strict()).n : undefined };
}

export const payoutsCursor = (number: number | null) => (number === null ? null : encodeJsonCursor({ n: number }));

export function payoutItemJson(i: PayoutItemRow) {
  return {
    id: i.id,
    creator_id: i.creatorId,
    creator_name: i.creatorName,
    payout_email: i.payoutEmail,
    amount: i.amountCents,
    currency: i.currency,
    entries: i.entriesCount,
    orders: i.ordersCount,
    period_start: i.periodStart.toISOString(),
    period_end: i.periodEnd.toISOString(),
    status: i.status,
    reference: i.reference,
    failure_reason: i.failureReason,
    paid_at: i.paidAt?.toISOString() ?? null,
    failed_at: i.failedAt?.toISOString() ?? null,
  };
}

export function payoutJson(p: PayoutRow, items?: PayoutItemRow[]) {
  return {
    id: p.id,
    number: p.number,
    label: payoutLabel(p.number),
    status: p.status,
    currency: p.currency,
    total: p.totalCents,
    items_count: p.itemsCount,
    entries_count: p.entriesCount,
    cutoff: p.cutoffAt.toISOString(),
    minimum_amount: p.minimumAmountCents,
    reference: p.reference,
    created_at: p.createdAt.toISOString(),
    processing_at: p.processingAt?.toISOString() ?? null,
    paid_at: p.paidAt?.toISOString() ?? null,
    cancelled_at: p.cancelledAt?.toISOString() ?? null,
    ...(items ? { items: items.map(payoutItemJson) } : {}),
  };
}

export function balanceJson(b: Balance) {
  return {
    currency: b.currency,
    pending: b.pending,
    payable: b.payable,
    in_payouts: b.inPayouts,
    paid: b.paid,
    next_payable_at: b.nextPayableAt?.toISOString() ?? null,
  };
}
