import { z } from "zod";
import type { conversions } from "@/db/schema";
import { explainDecision } from "@/lib/attribution/explain-decision";
import type { Explanation } from "@/lib/attribution/types";
import { netOf } from "@/lib/attribution/list-conversions";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import type { CodeStatus } from "@/lib/campaigns/latest-code";

/** API v1 JSON shapes (snake_case). Fields are only ever added, never renamed or removed. */

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
) {
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
    /** When it was ended by hand (`PATCH status: "ended"`); null otherwise, also once `ends_at` has passed. */
    ended_at: c.endedAt?.toISOString() ?? null,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

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
}) {
  return {
    creator_id: r.creatorId,
    email: r.email,
    full_name: r.fullName,
    handle: r.handle,
    code: r.code,
    code_status: r.codeStatus,
    /** Why the last push to Shopify failed (`code_status: "failed"`), in words a brand can act on. */
    code_failure_reason: r.codeStatus === "failed" ? r.failureReason : null,
    referral_url: r.referralUrl,
    joined_at: r.joinedAt.toISOString(),
    removed_at: r.removedAt?.toISOString() ?? null,
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
export function conversionJson(c: typeof conversions.$inferSelect, payout?: { payableAt: Date | null; paidAmount: number }) {
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
    explanation_details: snakeCaseKeys(details) as Record<string, unknown>,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}
