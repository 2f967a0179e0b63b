import { z } from "zod";
import type { conversions } from "@/db/schema";
import { explainDecision } from "@/lib/attribution/explain-decision";
import type { Explanation } from "@/lib/attribution/types";
import { netOf } from "@/lib/attribution/list-conversions";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import type { CodeStatus } from "@/lib/campaigns/latest-code";
import { ZDiscount } from "@/lib/campaigns/schemas";

/**
 * API v1 JSON shapes (snake_case). Fields are only ever added, never renamed or removed. Each shape
 * is a zod schema (`Z…Json`) that types its serializer and that the OpenAPI document is generated
 * from (./openapi/), so the document cannot say one thing and the code do another.
 */

const instant = z.string().datetime();

/** A creator of the workspace (the OpenAPI document's `Creator` is generated from this). */
export const ZCreatorJson = z.object({
  id: z.string(),
  email: z.string().email(),
  full_name: z.string(),
  handle: z.string().nullable(),
  status: z.enum(["invited", "active", "removed"]),
  created_at: z.string().datetime().describe("When the creator joined this workspace."),
});

export function creatorJson(c: {
  id: string;
  email: string;
  fullName: string;
  handle: string | null;
  status: z.infer<typeof ZCreatorJson>["status"];
  createdAt: Date;
}): z.infer<typeof ZCreatorJson> {
  return {
    id: c.id,
    email: c.email,
    full_name: c.fullName,
    handle: c.handle,
    status: c.status,
    created_at: c.createdAt.toISOString(),
  };
}

export const ZCodeProgress = z
  .object({ pending: z.number().int(), active: z.number().int(), failed: z.number().int(), deactivated: z.number().int(), total: z.number().int() })
  .describe("How many of the campaign's current codes (creators still in it) are in each state.");

export const ZCampaignJson = z.object({
  id: z.string().describe("`cmp_…`"),
  name: z.string(),
  starts_at: instant,
  ends_at: instant.nullable().describe("null: runs until ended by hand."),
  timezone: z.string().describe("IANA zone the dates were entered in (display only; the instants are UTC), e.g. `Europe/Berlin`."),
  status: z
    .enum(["scheduled", "active", "ended"])
    .describe("Derived: `ended` once ended by hand or `ends_at` has passed, `scheduled` before `starts_at`, `active` otherwise."),
  discount: ZDiscount,
  commission_rate_bps: z.number().int().min(0).max(10_000).describe("The creator's commission in basis points of the discounted subtotal (1500 = 15 %)."),
  code_template: z.string().describe("e.g. `{full_name}-{random_number}`"),
  landing_url: z.string().url().nullable().describe("Where referral links land; null → the store's home page."),
  apply_code_from_links: z
    .boolean()
    .describe("Referral links go through the store's shareable discount URL (`/discount/{CODE}?redirect=…`), so the creator's code applies itself; a code that is not live is never applied."),
  currency: z.string().describe("The store's currency (ISO 4217); `fixed_amount` discounts are in its minor units."),
  ended_at: instant.nullable().describe("When it was ended by hand (`status: \"ended\"`); null otherwise, also once `ends_at` has passed."),
  code_progress: ZCodeProgress.optional().describe("Only on `GET /campaigns/{id}`."),
  created_at: instant,
  updated_at: instant,
});
export type TCampaignJson = z.infer<typeof ZCampaignJson>;

/** A campaign. `discount.value` is a percent for `percentage` (stored as bps) and minor units for `fixed_amount`. */
export function campaignJson(
  c: {
    id: string;
    name: string;
    startsAt: Date;
    endsAt: Date | null;
    endedAt: Date | null;
    timezone: string;
    discountType: "percentage" | "fixed_amount";
    discountValue: number;
    commissionRateBps: number;
    codeTemplate: string;
    landingUrl: string | null;
    applyCodeFromLinks: boolean;
    currency: string;
    createdAt: Date;
    updatedAt: Date;
  },
  now: Date = new Date(),
): TCampaignJson {
  return {
    id: c.id,
    name: c.name,
    starts_at: c.startsAt.toISOString(),
    ends_at: c.endsAt?.toISOString() ?? null,
    timezone: c.timezone,
    status: campaignStatus(c, now),
    discount: { type: c.discountType, value: c.discountType === "percentage" ? c.discountValue / 100 : c.discountValue },
    commission_rate_bps: c.commissionRateBps,
    code_template: c.codeTemplate,
    landing_url: c.landingUrl,
    apply_code_from_links: c.applyCodeFromLinks,
    currency: c.currency,
    ended_at: c.endedAt?.toISOString() ?? null,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export const ZCampaignCreatorJson = z.object({
  creator_id: z.string().describe("`cre_…`"),
  email: z.string().email(),
  full_name: z.string(),
  handle: z.string().nullable(),
  code: z.string().nullable().describe("The creator's current discount code in this campaign, e.g. `JANE-K3Q9`."),
  code_status: z
    .enum(["pending", "active", "failed", "deactivated"])
    .nullable()
    .describe("`pending` until created in Shopify, then `active`; `failed` (see `code_failure_reason`); `deactivated` once the creator is removed or the campaign ends."),
  code_failure_reason: z.string().nullable().describe("Why the code could not be created in Shopify, in words a brand can act on, when `code_status` is `failed`."),
  referral_url: z.string().url(),
  joined_at: instant,
  removed_at: instant.nullable().describe("Set once removed from the campaign."),
  commission_rate_bps: z
    .number()
    .int()
    .nullable()
    .describe("The creator's own rate on this campaign in basis points (lines no commission rule matches earn it instead of the campaign rate); null = the campaign rate. Set with PATCH."),
});
export type TCampaignCreatorJson = z.infer<typeof ZCampaignCreatorJson>;

/** A creator's place in a campaign: their current code and referral link. */
export function campaignCreatorJson(r: {
  creatorId: string;
  email: string;
  fullName: string;
  handle: string | null;
  code: string | null;
  codeStatus: CodeStatus | null;
  failureReason: string | null;
  referralUrl: string;
  joinedAt: Date;
  removedAt: Date | null;
  commissionRateBps?: number | null;
}): TCampaignCreatorJson {
  return {
    creator_id: r.creatorId,
    email: r.email,
    full_name: r.fullName,
    handle: r.handle,
    code: r.code,
    code_status: r.codeStatus,
    code_failure_reason: r.codeStatus === "failed" ? r.failureReason : null,
    referral_url: r.referralUrl,
    joined_at: r.joinedAt.toISOString(),
    removed_at: r.removedAt?.toISOString() ?? null,
    commission_rate_bps: r.commissionRateBps ?? null,
  };
}

/** `fooBar` → `foo_bar`, deeply, for stored JSON shown as is (values are left alone). */
export function snakeCaseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeCaseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), snakeCaseKeys(v)]),
  );
}

const money = (description: string) => z.number().int().describe(`${description} Minor units of \`currency\` (1350 = 13.50 USD).`);

/** The structured explanation behind `explanation` (keys in snake_case): fields may be added. */
export const ZExplanationDetails = z
  .object({
    summary: z.string().describe("Same text as `explanation`."),
    rule: z
      .string()
      .describe(
        "The attribution rule that decided: `single_code`, `tie_break_first_listed`, `tie_break_oldest_assigned`, `code_beats_link`, `code_and_link_same_creator`, `link_only`, … (more may be added).",
      ),
    candidates: z
      .array(
        z
          .object({
            kind: z.enum(["code", "click"]),
            value: z.string().describe("The code, or the click's id."),
            creator_id: z.string().optional(),
            creator_name: z.string().optional(),
            outcome: z
              .string()
              .describe(
                "`won`, `lost_tie_break`, `not_a_creator_code`, `campaign_not_active`, `code_deactivated`, `enrollment_removed`, `outside_window`, `lost_to_code`, `same_creator_as_code`, … (more may be added).",
              ),
            detail: z.string(),
          })
          .passthrough(),
      )
      .describe("Every code typed at checkout and the referral click, with what became of each."),
    settings: z
      .object({
        tie_break: z.enum(["first_listed", "oldest_assigned"]).optional(),
        self_referral: z.enum(["deny", "flag"]).optional(),
        click_window_days: z.number().int().optional(),
        new_creator_flag_days: z.number().int().nullable().optional(),
      })
      .passthrough()
      .describe("The workspace's attribution settings applied."),
    amount: z
      .object({
        subtotal_cents: z.number().int().optional(),
        line_items_tax_cents: z.number().int().optional(),
        taxes_included: z.boolean().optional(),
        amount_cents: z.number().int().optional().describe("subtotal − gift-card lines − the other lines' tax when taxes are included."),
        excluded_lines: z
          .array(z.object({}).passthrough())
          .optional()
          .describe("Lines left out of the amount: gift cards (`reason: gift_card`), with their `title`, `quantity` and `amount_cents`."),
        discrepancy: z
          .object({})
          .passthrough()
          .nullable()
          .optional()
          .describe("When the order's lines do not add up to its subtotal: `lines_cents` against `subtotal_cents` (the amount follows the subtotal, and the conversion is flagged for review)."),
        rate_bps: z.number().int().optional(),
        commission_cents: z.number().int().optional(),
        currency: z.string().optional(),
      })
      .passthrough()
      .describe("How `order_amount` and the sale's commission were computed, at attribution time."),
    self_referral: z.object({}).passthrough().optional().describe("Present when the buyer is the creator (`matched_by`: `email` or `customer_id`)."),
    new_creator: z.object({}).passthrough().optional().describe("Present when the creator's first order was flagged as new."),
  })
  .passthrough()
  .describe("The structured explanation behind `explanation` (keys in snake_case; `*_cents` are minor units of `currency`). Fields may be added; ignore the ones you do not know.");

export const ZConversionJson = z
  .object({
    id: z.string().describe("`cnv_…`"),
    order_id: z
      .string()
      .regex(/^[0-9]+$/)
      .describe(
        "Shopify's order id (the REST `id` / GraphQL `legacyResourceId`; the GraphQL id is `gid://shopify/Order/{order_id}`), as a string of digits: join with your Shopify data on it.",
      ),
    order_name: z.string().describe("The order's name in Shopify, e.g. `#1001`."),
    order_created_at: instant.describe("When the order was placed in Shopify."),
    campaign_id: z.string().describe("`cmp_…`"),
    creator_id: z.string().describe("`cre_…`"),
    type: z.enum(["coupon", "link"]).describe("`coupon`: the creator's code was used at checkout; `link`: the order came through the creator's referral link."),
    code: z.string().nullable().describe("The creator's code that was used (`coupon`); null for `link`."),
    status: z
      .enum(["pending", "approved", "flagged", "denied", "reversed", "voided"])
      .describe(
        "`pending`: the order is not paid yet in Shopify (financial status pending, authorized or partially paid): nothing is earned — the money fields are 0 and `pending_commission` says what it will earn once paid; it then becomes `approved`, `flagged` or `denied`. `approved` earns commission; `flagged` awaits the brand's review; `denied` earns nothing (e.g. self-referral); `reversed`: commission was earned and then all of it taken back by refunds or a cancellation; `voided`: the order was never paid (payment voided, or cancelled unpaid), nothing was earned. `pending` and `voided` were added after the first four: treat a status you do not know as not earning.",
      ),
    currency: z.string().describe("The store's currency (ISO 4217); every amount of the conversion is in its minor units."),
    order_amount: money(
      "The attributed amount: the order's subtotal after all discounts, without shipping, tax, tips and gift cards (order edits before any refund included), before refunds; 0 until the order is paid.",
    ),
    commission_rate_bps: z.number().int().describe("The campaign's commission rate when the order was attributed, in basis points (1500 = 15 %)."),
    commission_amount: money("The commission the sale earned (0 when denied), order edits and status changes included, before refunds."),
    refund_amount: money("Refunded merchandise so far (a positive number; 0 when nothing was refunded)."),
    refund_at: instant.nullable().describe("When the last refund happened; null when none."),
    net_amount: money("`order_amount` − `refund_amount`."),
    net_commission: money("What the creator keeps: `commission_amount` minus the commission reversed with refunds."),
    pending_amount: money("Awaiting payment (`status: pending`): the order's commissionable amount, earned once Shopify says the order is paid; 0 otherwise."),
    pending_commission: money("Awaiting payment (`status: pending`): the commission the order earns once paid (never payable before); 0 otherwise."),
    payable_at: instant.nullable().describe("When its commission is (or was) released from the hold (the return window) under the workspace's current hold; null while nothing is earned."),
    paid_amount: money("Commission of this order already paid in payouts marked paid."),
    explanation: z.string().describe("Why this creator was credited, in one or a few sentences, e.g. `Credited to Jane Doe (code JANE-K3Q9): 15 % commission of $90.00 = $13.50.`"),
    explanation_details: ZExplanationDetails,
    lines: z
      .array(
        z.object({
          line_item_id: z.string().nullable().describe("Shopify's line item id (digits); null for the whole-order line."),
          title: z.string(),
          quantity: z.number().int(),
          amount: money("What the line adds to the commissionable amount; 0 for an excluded line or a gift card."),
          commission: money("What the line earns (before refunds)."),
          rule: z.object({ type: z.enum(["rule", "creator_rate", "campaign_rate", "gift_card"]), id: z.string().optional(), name: z.string().optional(), rate_bps: z.number().int().nullable(), fixed_per_unit: z.number().int().nullable(), excluded: z.boolean() }),
        }),
      )
      .describe("Every line of the order with what it earns and the campaign rule that decided it. Empty for conversions credited before per-line rules."),
    created_at: instant.describe("When Tally attributed the order."),
    updated_at: instant.describe("When any field last changed. Milliseconds; pass it as `updated_since` to sync (inclusive)."),
  })
  .describe(
    "The one attribution of a Shopify order to a creator. Money is integer minor units of `currency`. Refunds never edit the sale: `order_amount` and `commission_amount` are the sale's (order edits and status changes included), refunds add up in `refund_amount`, and `net_amount` / `net_commission` are what is left after them. A conversion's `updated_at` moves whenever Tally changes it (status, amounts, refunds).",
  );
export type TConversionJson = z.infer<typeof ZConversionJson>;

/**
 * A conversion with its refund-adjusted figures. Money is minor units of `currency`. `order_id` is
 * Shopify's order id (digits, as a string: join it with Shopify's `order.id` / `legacyResourceId`).
 * The money fields are what the ledger holds (0 while `pending`: nothing is earned before the order
 * is paid); `pending_amount` / `pending_commission` are what a pending conversion will earn once
 * paid. `explanation` is the decision told in words for the conversion's current status (one
 * formatter, lib/attribution/explain-decision.ts); `explanation_details` the whole structure with
 * those words in it.
 */
/**
 * A conversion as API v1 shows it. `payout`: where its commission is in the payout cycle
 * (lib/payouts): `payable_at` when it is (or was) released from the hold (null while the order is
 * unpaid or nothing was earned), `paid_amount` the commission of it already paid.
 */
export function conversionJson(c: typeof conversions.$inferSelect, payout?: { payableAt: Date | null; paidAmount: number }): TConversionJson {
  const { netAmountCents, netCommissionCents } = netOf(c);
  const stored = c.explanation as unknown as Explanation;
  const words = explainDecision(stored, { status: c.status, testOrder: c.testOrder });
  const details = {
    ...stored,
    summary: words.summary,
    candidates: words.candidates,
    ...(stored.selfReferral ? { selfReferral: { ...stored.selfReferral, detail: words.selfReferral } } : {}),
    ...(stored.newCreator ? { newCreator: { ...stored.newCreator, detail: words.newCreator } } : {}),
  };
  return {
    id: c.id,
    order_id: String(c.shopifyOrderId),
    order_name: c.orderName,
    order_created_at: c.orderCreatedAt.toISOString(),
    campaign_id: c.campaignId,
    creator_id: c.creatorId,
    type: c.type,
    code: c.code,
    status: c.status,
    currency: c.currency,
    order_amount: c.orderAmountCents,
    commission_rate_bps: c.commissionRateBps,
    commission_amount: c.commissionCents,
    refund_amount: c.refundAmountCents,
    refund_at: c.refundAt?.toISOString() ?? null,
    net_amount: netAmountCents,
    net_commission: netCommissionCents,
    pending_amount: c.status === "pending" ? c.pendingAmountCents : 0,
    pending_commission: c.status === "pending" ? c.pendingCommissionCents : 0,
    payable_at: payout?.payableAt?.toISOString() ?? null,
    paid_amount: payout?.paidAmount ?? 0,
    explanation: words.summary,
    explanation_details: snakeCaseKeys(details) as TConversionJson["explanation_details"],
    lines: (stored.amount?.lines ?? []).map((l) => ({
      line_item_id: l.lineItemId === null ? null : String(l.lineItemId),
      title: l.title,
      quantity: l.quantity,
      amount: l.amountCents,
      commission: l.commissionCents,
      rule: { type: l.basis.type, ...(l.basis.type === "rule" ? { id: l.basis.ruleId, name: l.basis.name } : {}), rate_bps: l.rateBps, fixed_per_unit: l.fixedPerUnitCents, excluded: l.excluded },
    })),
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}
