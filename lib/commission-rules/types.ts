/**
 * Commission rules: plain data, JSON-safe (stored as is on the campaign and in explanations).
 * Money is integer minor units of the shop's currency; rates are basis points (1500 = 15 %).
 */
import type { CommissionableLine } from "@/lib/ledger/commissionable-amount";

/** Which lines a rule is about. A line matches when it matches any listed target; no targets = every line. */
export type RuleTargets = {
  productIds: number[];
  variantIds: number[];
  collectionIds: number[];
  /** Product tags, compared case-insensitively. */
  tags: string[];
  /** Product vendors, compared case-insensitively. */
  vendors: string[];
};

/** Whose orders a rule is about: the customer's first order at the store, a returning customer's, or any. */
export type CustomerCondition = "any" | "first_order" | "returning";

export type RuleAction =
  | { type: "exclude" }
  | { type: "rate"; rateBps: number }
  /** A fixed amount per unit (never more than what the line collected). */
  | { type: "fixed_per_unit"; amountCents: number };

export type CommissionRule = {
  /** Stable id (kept across edits, named in explanations). */
  id: string;
  name: string;
  targets: RuleTargets;
  customer: CustomerCondition;
  action: RuleAction;
};

/** A campaign's ordered rules (first matching rule wins per line; the campaign rate is the fallback), its cap and minimum. */
export type CommissionPlan = {
  rules: CommissionRule[];
  /** The most one order can earn; null = no cap. */
  capPerOrderCents: number | null;
  /** Orders whose commissionable amount is below this earn nothing; null = no minimum. */
  minOrderAmountCents: number | null;
};

export const EMPTY_PLAN: CommissionPlan = { rules: [], capPerOrderCents: null, minOrderAmountCents: null };

/** An order's line as the rules read it: the commissionable-amount line plus what identifies its product. */
export type RuleLine = CommissionableLine & {
  lineItemId: number | null;
  productId: number | null;
  variantId: number | null;
  /** The line's vendor as Shopify stated it on the order, when it did. */
  vendor?: string | null;
};

/** What Tally knows of a product (read through the Admin GraphQL API and cached per product). */
export type ProductFacts = {
  productId: number;
  vendor: string | null;
  tags: string[];
  collectionIds: number[];
  /** The product no longer exists in the store (deleted). */
  deleted?: boolean;
};

/** Whether the order is the customer's first at the store; `unknown` when Tally cannot tell (no customer, no history). */
export type CustomerKind = "first_order" | "returning" | "unknown";

export type EvaluateInput = {
  order: {
    subtotalCents: number;
    lineItemsTaxCents: number;
    taxesIncluded: boolean;
    lines: readonly RuleLine[] | null;
  };
  plan: CommissionPlan;
  campaignRateBps: number;
  /** The creator's rate on this campaign's roster; null = the campaign rate. */
  creatorRateBps: number | null;
  customer: CustomerKind;
  /** Product facts by product id; a product not listed has unknown collections and tags. */
  products?: ReadonlyMap<number, ProductFacts>;
};

/** Why a line earns what it earns. */
export type LineBasis =
  | { type: "rule"; ruleId: string; ruleIndex: number; name: string }
  | { type: "creator_rate" }
  | { type: "campaign_rate" }
  | { type: "gift_card" };

export type EvaluatedLine = {
  /** Shopify's line item id; null for the whole-order line used when lines are not known or do not add up. */
  lineItemId: number | null;
  title: string;
  quantity: number;
  /** The line's commissionable amount (after discounts, tax removed when included); 0 when excluded. */
  amountCents: number;
  /** What the line collected (after discounts, tax removed when included), excluded or not. */
  collectedCents: number;
  commissionCents: number;
  /** The line's commission before the order's cap scaled it down (only when it did). */
  uncappedCommissionCents?: number;
  /** The rate the line earns at (rate rules, creator and campaign rates); null for fixed amounts and exclusions. */
  rateBps: number | null;
  fixedPerUnitCents: number | null;
  excluded: boolean;
  basis: LineBasis;
};

export type CommissionEvaluation = {
  /** The order's commissionable amount: eligible lines only (gift cards and excluded lines left out). */
  amountCents: number;
  commissionCents: number;
  lines: EvaluatedLine[];
  /** False when the order was taken as one whole-order line (lines not recorded, or not adding up to the subtotal). */
  perLine: boolean;
  /** The cap cut the commission down from `beforeCents`. */
  cap: { capCents: number; beforeCents: number } | null;
  /** The order is below the minimum: nothing earned. */
  belowMinimum: { minCents: number; orderAmountCents: number } | null;
  customer: CustomerKind;
};
