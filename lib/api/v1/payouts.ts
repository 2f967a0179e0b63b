import { z } from "zod";
import type { Balance } from "@/lib/payouts/get-balances";
import { HOLD_DAYS_MAX } from "@/lib/payouts/update-payout-settings";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/json-cursor";
import { ZListQuery } from "./pagination";
import { parseInput } from "./request";
import { instant, minor } from "@/lib/serializers/payouts";

/**
 * API v1 payouts, balances and settings: the request schemas the routes parse with and the response
 * shapes their serializers are typed by; the OpenAPI document is generated from both (./openapi/payouts.ts).
 */

/** `POST /payouts`: `cutoff` an ISO time with an offset (default now), `minimum_amount` minor units (default 0). */
export const ZCreatePayout = z
  .object({
    currency: z
      .string({ required_error: "currency is required (ISO 4217, e.g. USD)." })
      .trim()
      .min(3)
      .max(3, "currency is a three-letter ISO 4217 code.")
      .describe("The currency to pay (ISO 4217), e.g. `USD`: one run per currency."),
    cutoff: z
      .string()
      .datetime({ offset: true, message: "cutoff must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T00:00:00Z." })
      .optional()
      .describe("Entries payable at this instant are included. Default now; never in the future."),
    minimum_amount: z
      .number()
      .int("minimum_amount is a whole number of minor units.")
      .min(0, "minimum_amount cannot be negative.")
      .max(Number.MAX_SAFE_INTEGER)
      .optional()
      .describe("Creators whose payable balance is not above this (minor units) are left for a later run. Default 0."),
  })
  .strict();

export const ZMarkPayoutPaid = z
  .object({
    reference: z.string().trim().min(1).max(200).optional().describe("The payment's reference (a PayPal batch id, a bank transfer reference)."),
    item_references: z.record(z.string().trim().min(1).max(200)).optional().describe("A reference per item id, overriding `reference`."),
  })
  .strict();

export const ZFailPayoutItem = z.object({ reason: z.string({ required_error: "Say why the item failed: reason." }).trim().min(1, "reason must not be empty.").max(500) }).strict();

export const ZUpdateSettings = z
  .object({
    payout_hold_days: z
      .number()
      .int("payout_hold_days is a whole number of days.")
      .min(0)
      .max(HOLD_DAYS_MAX)
      .describe("The return window: earned commission becomes payable this many days after the order was paid. Changing it applies to everything not yet in a payout."),
  })
  .strict();

export const ZSettingsJson = z.object({ payout_hold_days: ZUpdateSettings.shape.payout_hold_days });
export type TSettingsJson = z.infer<typeof ZSettingsJson>;

export function settingsJson(w: { payoutHoldDays: number }): TSettingsJson {
  return { payout_hold_days: w.payoutHoldDays };
}

export const ZBalanceJson = z
  .object({
    currency: z.string(),
    pending: minor("Earned, still inside the hold (the return window)."),
    payable: minor("Past the hold and in no payout. Negative when refunds after payment (clawbacks) exceed what accrued since: carried forward, never paid."),
    in_payouts: minor("In a payout that is not paid yet (draft or processing)."),
    paid: minor("In payout items marked paid."),
    next_payable_at: instant.nullable().describe("When the next pending part becomes payable."),
  })
  .describe("A creator's commission in one currency, derived from the ledger on every read: `pending + payable + in_payouts + paid` is the creator's net ledger total, to the cent.");
export type TBalanceJson = z.infer<typeof ZBalanceJson>;

export const ZCreatorBalancesJson = z.object({ creator_id: z.string(), balances: z.array(ZBalanceJson).describe("One per currency the creator earned in (none yet: an empty list).") });

export function parsePayoutsQuery(url: URL) {
  const q = parseInput(ZListQuery, Object.fromEntries(url.searchParams), { message: "Invalid query parameters." });
  return { limit: q.limit, beforeNumber: q.cursor ? decodeJsonCursor(q.cursor, z.object({ n: z.number().int().positive() }).strict()).n : undefined };
}

export const payoutsCursor = (number: number | null) => (number === null ? null : encodeJsonCursor({ n: number }));

export function balanceJson(b: Balance): TBalanceJson {
  return {
    currency: b.currency,
    pending: b.pending,
    payable: b.payable,
    in_payouts: b.inPayouts,
    paid: b.paid,
    next_payable_at: b.nextPayableAt?.toISOString() ?? null,
  };
}
