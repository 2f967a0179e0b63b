/**
 * The attribution engine's input and output: plain data, no database rows, no classes. The output is
 * JSON-safe (no Date in it), so an explanation can be stored as it is. The caller
 * (order processing) gathers the facts; `decideAttribution` decides. Money is integer minor units of
 * the shop's currency; rates are basis points (1500 = 15 %).
 */

/** When a campaign counted: from `startsAt` (inclusive) until `endsAt` / `endedAt` (exclusive). */
export type CampaignWindow = { startsAt: Date; endsAt: Date | null; endedAt: Date | null };

/** One of the workspace's codes that matches one of the order's codes case-insensitively, whatever its status. */
export type CodeFact = {
  codeId: string;
  /** The code as stored (normalized: trimmed, upper case); compared after `normalizeCheckoutCode` anyway. */
  code: string;
  creatorId: string;
  creatorName: string;
  creatorEmail: string;
  /** The creator's own Shopify customer ids, if known (self-referral). */
  creatorCustomerIds?: number[];
  campaignId: string;
  campaignName: string;
  enrollmentId: string;
  /** When the code was given to its creator (tie-break `oldest_assigned`). */
  assignedAt: Date;
  deactivatedAt: Date | null;
  enrollmentJoinedAt: Date;
  enrollmentRemovedAt: Date | null;
  campaign: CampaignWindow;
  commissionRateBps: number;
};

/** The referral-link click the order points to (`?ref=` / `tally_click` / note attributes), resolved by the caller. */
export type ClickFact = {
  clickId: string;
  clickedAt: Date;
  creatorId: string;
  creatorName: string;
  creatorEmail: string;
  /** Optional: the creator's Shopify customer ids (self-referral on link conversions). */
  creatorCustomerIds?: number[];
  campaignId: string;
  campaignName: string;
  enrollmentId: string;
  /** Optional: when the creator joined the campaign (new-creator flag on link conversions). */
  enrollmentJoinedAt?: Date;
  /** Optional: when the creator was removed from the campaign; a removed enrollment's click does not count. */
  enrollmentRemovedAt?: Date | null;
  campaign: CampaignWindow;
  commissionRateBps: number;
};

export type TieBreak = "first_listed" | "oldest_assigned";
export type SelfReferralPolicy = "deny" | "flag";

export type AttributionSettings = {
  tieBreak: TieBreak;
  selfReferral: SelfReferralPolicy;
  clickWindowDays: number;
  /** Flag a creator's first order when they joined less than this many days before it; null = off. */
  newCreatorFlagDays: number | null;
};

export const DEFAULT_ATTRIBUTION_SETTINGS: AttributionSettings = {
  tieBreak: "first_listed",
  selfReferral: "deny",
  clickWindowDays: 30,
  newCreatorFlagDays: null,
};

export type AttributionOrder = {
  createdAt: Date;
  /** The shop's currency (ISO 4217): every amount below is in its minor units. */
  currency: string;
  /** `current_subtotal_price_set.shop_money` before refunds: after all discounts, without shipping, tax, tips. */
  subtotalCents: number;
  /** The line items' tax (subtracted when `taxesIncluded`). */
  lineItemsTaxCents: number;
  taxesIncluded: boolean;
  /** The codes of `discount_applications[]` of type `discount_code`, in the order of `discount_codes[]`. */
  checkoutCodes: string[];
  email: string | null;
  shopifyCustomerId: number | null;
};

export type AttributionInput = {
  order: AttributionOrder;
  /** The workspace's codes that match the order's codes case-insensitively, any status. Order and repetition do not matter. */
  codes: CodeFact[];
  click: ClickFact | null;
  settings: AttributionSettings;
  /** Conversions each creator had before this order (new-creator flag); a creator not listed has none. */
  creatorPriorOrders?: Record<string, number>;
};

export type AttributionRule =
  | "single_code"
  | "tie_break_first_listed"
  | "tie_break_oldest_assigned"
  | "code_beats_link"
  | "code_and_link_same_creator"
  | "link_only"
  | "no_creator_code"
  | "codes_not_active"
  | "click_not_counted";

export type CandidateOutcome =
  | "won"
  | "lost_tie_break"
  | "not_a_creator_code"
  | "campaign_not_active"
  | "code_deactivated"
  | "enrollment_removed"
  | "outside_window"
  | "lost_to_code"
  | "same_creator_as_code";

export type Candidate = {
  kind: "code" | "click";
  /** The code (normalized) or the click's id. */
  value: string;
  creatorId?: string;
  creatorName?: string;
  outcome: CandidateOutcome;
  /** Plain words: why this candidate won, lost or did not count. */
  detail: string;
};

export type AmountBreakdown = {
  subtotalCents: number;
  lineItemsTaxCents: number;
  taxesIncluded: boolean;
  /** subtotal − (line tax when taxes are included), never below 0. */
  amountCents: number;
  rateBps: number;
  commissionCents: number;
  currency: string;
};

export type Explanation = {
  /** One sentence a brand understands (plus a short one per loser or flag, when there is any). */
  summary: string;
  rule: AttributionRule;
  candidates: Candidate[];
  settings: AttributionSettings;
  /** The order's commissionable amount; when unattributed, `rateBps` and `commissionCents` are 0. */
  amount: AmountBreakdown;
  selfReferral?: { matchedBy: "email" | "customer_id"; detail: string };
  newCreator?: { joinedAt: string /* ISO 8601 */; priorOrders: number; flagDays: number; detail: string };
};

export type ConversionStatus = "approved" | "flagged" | "denied";

export type Conversion = {
  kind: "conversion";
  type: "coupon" | "link";
  creatorId: string;
  campaignId: string;
  enrollmentId: string;
  codeId: string | null;
  code: string | null;
  clickId: string | null;
  status: ConversionStatus;
  currency: string;
  amountCents: number;
  commissionCents: number;
  commissionRateBps: number;
  explanation: Explanation;
};

export type Unattributed = { kind: "unattributed"; explanation: Explanation };

export type AttributionDecision = Conversion | Unattributed;
