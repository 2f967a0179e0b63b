/**
 * The attribution engine's input and output: plain data, no database rows, no classes. The output is
 * JSON-safe (no Date in it), so an explanation can be stored as it is. The caller
 * (order processing) gathers the facts; `decideAttribution` decides. Money is integer minor units of
 * the shop's currency; rates are basis points (1500 = 15 %).
 */
import type { CommissionPlan, CustomerKind, EvaluatedLine, ProductFacts, RuleLine } from "@/lib/commission-rules/types";
import type { CommissionableLine, ExcludedLine } from "@/lib/ledger/commissionable-amount";
import type { PaymentState } from "@/lib/ledger/payment-state";


/** When a campaign counted: from `startsAt` (inclusive) until `endsAt` / `endedAt` (exclusive). */
export type CampaignWindow = { startsAt: Date; endsAt: Date | null; endedAt: Date | null };

/** Who would be credited, in which campaign and under which terms: what a code and a click both lead to. */
type CreditCandidate = {
  creatorId: string;
  creatorName: string;
  creatorEmail: string;
  /** The creator's own Shopify customer ids, if known (self-referral). */
  creatorCustomerIds?: number[];
  campaignId: string;
  campaignName: string;
  enrollmentId: string;
  campaign: CampaignWindow;
  commissionRateBps: number;
  /** The creator's own rate on the campaign's roster (instead of `commissionRateBps`); null/undefined = none. */
  creatorRateBps?: number | null;
  /** The campaign's commission rules (lib/commission-rules); null/undefined = its rate on every line. */
  commissionPlan?: CommissionPlan | null;
};

/** One of the workspace's codes that matches one of the order's codes case-insensitively, whatever its status. */
export type CodeFact = CreditCandidate & {
  codeId: string;
  /** The code as stored (normalized: trimmed, upper case); compared after `normalizeCheckoutCode` anyway. */
  code: string;
  /** When the code was given to its creator (tie-break `oldest_assigned`). */
  assignedAt: Date;
  deactivatedAt: Date | null;
  enrollmentJoinedAt: Date;
  enrollmentRemovedAt: Date | null;
};

/** The referral-link click the order points to (`?ref=` / `tally_click` / note attributes), resolved by the caller. */
export type ClickFact = CreditCandidate & {
  clickId: string;
  clickedAt: Date;
  /**
   * Where the order named the click: `cart_attribute` (`_tally_click` in note attributes, written by the
   * storefront app embed), or `landing_site` (`?ref=` / `tally_click` of the session's first page).
   * Optional: older facts and plain test data have neither.
   */
  source?: ClickSource;
  /** `click_id`: by the click's own (signed) id; `latest_click`: the link's latest click in the window. */
  matchedBy?: "click_id" | "latest_click";
  /** Optional: when the creator joined the campaign (new-creator flag on link conversions). */
  enrollmentJoinedAt?: Date;
  /** Optional: when the creator was removed from the campaign; a removed enrollment's click does not count. */
  enrollmentRemovedAt?: Date | null;
};

export type ClickSource = "cart_attribute" | "landing_site";

/**
 * A click id the order carried that was not used, and why: `tampered` (its signature does not hold:
 * edited, invented, or not issued by Tally), `unknown` (signed, but no such click here, e.g. deleted),
 * `other_workspace` (a click on another brand's link).
 */
export type IgnoredClick = { source: ClickSource; reason: "tampered" | "unknown" | "other_workspace" };

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
  /** The order's lines (gift cards are left out of the amount); null for orders recorded before lines were kept. */
  lines?: (CommissionableLine & Partial<Pick<RuleLine, "lineItemId" | "productId" | "variantId" | "vendor">>)[] | null;
  /** A Shopify test order: it earns nothing. */
  test?: boolean;
  /** Shopify's `financial_status` (paid, pending, authorized, partially_paid, voided, …); undefined = paid (plain test data). */
  financialStatus?: string | null;
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
  /** Click ids the order carried that were not used (told in the explanation). */
  ignoredClicks?: IgnoredClick[];
  settings: AttributionSettings;
  /** Conversions each creator had before this order (new-creator flag); a creator not listed has none. */
  creatorPriorOrders?: Record<string, number>;
  /** Whether this is the customer's first order at the store (commission rules for new vs returning customers); default unknown. */
  customer?: CustomerKind;
  /** What Tally knows of the order's products (collections, tags, vendor), for the commission rules. */
  products?: ReadonlyMap<number, ProductFacts>;
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
  | "click_not_counted"
  | "test_order"
  | "gift_cards_only";

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

/** Why a candidate won, lost or did not count: the structured reason the formatter puts in words. Dates are ISO 8601. */
export type CandidateReason =
  | { type: "not_a_creator_code" }
  | { type: "campaign_not_started"; startsAt: string }
  | { type: "campaign_ended"; endedAt: string }
  | { type: "campaign_inactive" }
  | { type: "code_deactivated"; at: string }
  | { type: "enrollment_removed"; at: string }
  | { type: "click_after_order" }
  | { type: "click_too_old"; windowDays: number }
  | { type: "code_won"; counting: number; tieBreak: TieBreak; assignedAt: string }
  | { type: "code_lost_tie_break"; tieBreak: TieBreak; winner: string; assignedAt: string; winnerAssignedAt: string }
  | { type: "click_won"; windowDays: number }
  | { type: "click_same_creator"; code: string }
  | { type: "click_lost_to_code"; code: string; codeCreatorName: string };

export type Candidate = {
  kind: "code" | "click";
  /** The code (normalized) or the click's id. */
  value: string;
  /** The code as the customer typed it (codes only). */
  typed?: string;
  creatorId?: string;
  creatorName?: string;
  campaignName?: string;
  /** When the referral link was clicked (clicks only; ISO 8601). */
  clickedAt?: string;
  /** Where the order named the click (clicks only). */
  source?: ClickSource;
  matchedBy?: "click_id" | "latest_click";
  outcome: CandidateOutcome;
  /** The structured reason (decisions since issue 14; older stored explanations have only `detail`). */
  reason?: CandidateReason;
  /** Plain words: why this candidate won, lost or did not count (filled by the formatter, lib/attribution/explain-decision.ts). */
  detail?: string;
};

export type AmountBreakdown = {
  subtotalCents: number;
  lineItemsTaxCents: number;
  taxesIncluded: boolean;
  /** subtotal − gift cards − (eligible lines' tax when taxes are included), never below 0 (lib/ledger/commissionable-amount.ts). */
  amountCents: number;
  rateBps: number;
  commissionCents: number;
  currency: string;
  /** Lines left out of the amount (gift cards). */
  excludedLines?: ExcludedLine[];
  /** The lines do not add up to the subtotal (the amount follows the subtotal; the conversion is flagged). */
  discrepancy?: { linesCents: number; subtotalCents: number } | null;
  /** Every line with the rule that fired and what it earns (decisions since issue 21). */
  lines?: EvaluatedLine[];
  /** The order's cap cut the commission down from `beforeCents`. */
  cap?: { capCents: number; beforeCents: number } | null;
  /** Below the campaign's minimum order amount: nothing earned. */
  belowMinimum?: { minCents: number; orderAmountCents: number } | null;
};

/** The commission terms a conversion was credited under: what later order edits, refunds and reviews re-apply. */
export type CommissionTerms = {
  plan: CommissionPlan;
  campaignRateBps: number;
  creatorRateBps: number | null;
  customer: CustomerKind;
};

/** The verdict of the review rules once the order is paid. */
export type ReviewStatus = "approved" | "flagged" | "denied";

/**
 * The structured decision, stored as is (conversions.explanation, orders.attribution_explanation).
 * Words come from one formatter (`explainDecision`), for the order page, the API and emails alike,
 * told for the conversion's current status. Explanations stored before issue 14 (no `version`) carry
 * their words in `summary` and `candidates[].detail`.
 */
export type Explanation = {
  version?: 2;
  rule: AttributionRule;
  candidates: Candidate[];
  settings: AttributionSettings;
  /** The order's commissionable amount; when unattributed, `rateBps` and `commissionCents` are 0. */
  amount: AmountBreakdown;
  /** The review rules' verdict (what the conversion becomes once paid). */
  review?: ReviewStatus;
  /** The credited (or, for a test order, the would-be) creator and how: the formatter's subject. */
  credited?: { creatorName: string; via: "code" | "link" | "code_and_link"; code: string | null };
  /** Payment as Shopify stated it when decided. */
  payment?: { state: PaymentState; financialStatus: string | null; known: boolean };
  test?: boolean;
  /** Click ids the order carried that were ignored, and why. */
  ignoredClicks?: IgnoredClick[];
  selfReferral?: { matchedBy: "email" | "customer_id"; byEmail?: boolean; byCustomerId?: boolean; customerId?: number | null; creatorName?: string; detail?: string };
  newCreator?: { joinedAt: string /* ISO 8601 */; priorOrders: number; flagDays: number; creatorName?: string; detail?: string };
  /** The commission terms it was credited under (decisions since issue 21). */
  commission?: CommissionTerms;
  /** Pre-issue-14 explanations: the stored words. */
  summary?: string;
};

export type ConversionStatus = ReviewStatus;

export type Conversion = {
  kind: "conversion";
  type: "coupon" | "link";
  creatorId: string;
  campaignId: string;
  enrollmentId: string;
  codeId: string | null;
  code: string | null;
  clickId: string | null;
  /** The review verdict; the conversion is `pending` instead while `payment` is unpaid (attribute-order.ts). */
  status: ReviewStatus;
  payment: PaymentState;
  currency: string;
  amountCents: number;
  commissionCents: number;
  commissionRateBps: number;
  explanation: Explanation;
};

export type Unattributed = { kind: "unattributed"; explanation: Explanation };

export type AttributionDecision = Conversion | Unattributed;
