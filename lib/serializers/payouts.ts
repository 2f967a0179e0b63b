import { z } from "zod";
import type { PayoutItemRow, PayoutRow } from "@/lib/payouts/list-payouts";
import { payoutLabel } from "@/lib/payouts/payout-label";

/**
 * A payout and its items as API v1 shows them (`GET /payouts/{id}`), and as the `payout.*` events
 * carry them (lib/events/record-payout-event.ts). Fields are only ever added; the OpenAPI document is
 * generated from these schemas (lib/api/v1/openapi/payouts.ts).
 */

/** An amount in minor units, described. */
export const minor = (description: string) => z.number().int().describe(`${description} Integer minor units of \`currency\`.`);
export const instant = z.string().datetime();

export const ZPayoutItemJson = z
  .object({
    id: z.string().describe("`poi_…`, unique per item: use it as the customer/reference id of a bulk payment file."),
    creator_id: z.string(),
    creator_name: z.string().nullable(),
    payout_email: z.string().email().describe("Where to pay: the creator's payout email (Profile), else their sign-in email."),
    amount: minor("What this creator is paid (always above zero)."),
    currency: z.string(),
    entries: z.number().int().describe("How many ledger entries it pays."),
    orders: z.number().int().describe("How many orders those entries belong to."),
    period_start: instant.describe("The first entry's day."),
    period_end: instant.describe("The last entry's day."),
    status: z.enum(["pending", "paid", "failed", "cancelled"]).describe("`failed` and `cancelled` items released their entries back to payable."),
    reference: z.string().nullable(),
    failure_reason: z.string().nullable(),
    paid_at: instant.nullable().describe("When it was marked paid."),
    failed_at: instant.nullable().describe("When it was marked failed."),
  })
  .describe("One creator's share of a payout: the sum of the ledger entries it pays (sales, and clawbacks of refunds after an earlier payout).");
export type TPayoutItemJson = z.infer<typeof ZPayoutItemJson>;

export const ZPayoutJson = z
  .object({
    id: z.string().describe("`po_…`"),
    number: z.number().int().describe("The workspace's sequence: 3 is P-0003."),
    label: z.string().describe("e.g. `P-0003`"),
    status: z.enum(["draft", "processing", "paid", "cancelled"]),
    currency: z.string(),
    total: minor("Sum of the items that did not fail or get cancelled."),
    items_count: z.number().int(),
    entries_count: z.number().int(),
    cutoff: instant.describe("Entries payable at this instant were included."),
    minimum_amount: minor("Creators whose payable balance was not above this were left for a later run."),
    reference: z.string().nullable(),
    created_at: instant.describe("When the run was made."),
    processing_at: instant.nullable().describe("When it was marked as sent."),
    paid_at: instant.nullable().describe("When it was marked paid."),
    cancelled_at: instant.nullable().describe("When the draft was cancelled."),
    items: z.array(ZPayoutItemJson).optional().describe("On single-payout answers only."),
  })
  .describe(
    "One payment run of the workspace in one currency. `draft` → `processing` → `paid`; a draft can be `cancelled`. Only one run per currency is in progress (draft or processing) at a time. Every entry it pays is stamped with its item: nothing is ever paid twice.",
  );
export type TPayoutJson = z.infer<typeof ZPayoutJson>;

export function payoutItemJson(i: PayoutItemRow): TPayoutItemJson {
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

export function payoutJson(p: PayoutRow, items?: PayoutItemRow[]): TPayoutJson {
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

