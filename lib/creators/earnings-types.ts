/**
 * The creator portal's Earnings figures, as plain data: money in integer minor units with its
 * currency (never summed across currencies), dates as ISO strings so that the page and the JSON
 * route share one shape.
 */
export const CHART_DAYS = 90;
export const ORDERS_LIMIT = 100;

export type EarningsTotals = {
  workspaceId: string;
  brand: string;
  currency: string;
  orders: number;
  /** Attributed sales (order amounts), and the part of them refunded. */
  salesCents: number;
  refundedSalesCents: number;
  /** Commission on sales that count (approved, and fully refunded ones), and what refunds took back. */
  earnedCents: number;
  reversedCents: number;
  /** earned − reversed: what the creator is owed for this brand in this currency. */
  netCents: number;
  /** Commission (net of refunds) on orders the brand still has to review. */
  pendingCents: number;
  pendingOrders: number;
  /** Orders not paid yet in Shopify: the commission they will earn once paid (never payable before). */
  awaitingPaymentCents: number;
  awaitingPaymentOrders: number;
  /** Orders the brand denied (no commission), and their sales net of refunds. */
  deniedOrders: number;
  deniedSalesCents: number;
};

export type CurrencyTotals = Omit<EarningsTotals, "workspaceId" | "brand"> & { brands: number };

export type EarningsDay = { day: string; earnedCents: number; reversedCents: number; netCents: number };
export type EarningsSeries = { currency: string; days: EarningsDay[] };

export type CreatorExplanation = {
  via: "code" | "link" | "code_and_link";
  code: string | null;
  rateBps: number;
  /** The commissionable amount and commission as computed when the order came in. */
  amountCents: number;
  commissionCents: number;
  /** Why the brand reviews (flagged) or denied it, when that is the reason; never the matched identity. */
  review: "self_referral" | "new_creator" | null;
  /** Gift cards in the order, left out of the commissionable amount. */
  giftCardsCents: number;
};

export type CreatorOrderRefund = { at: string; kind: "refund" | "cancel" | "rounding"; amountCents: number; commissionCents: number };

/** pending = awaiting payment; voided = never paid (nothing earned). */
export type CreatorOrderStatus = "approved" | "flagged" | "denied" | "reversed" | "pending" | "voided";

export type CreatorOrder = {
  id: string;
  orderName: string;
  orderCreatedAt: string;
  brand: string;
  currency: string;
  status: CreatorOrderStatus;
  /** The order's commissionable amount and commission (for a pending order: what it will earn once paid). */
  amountCents: number;
  commissionCents: number;
  refundAmountCents: number;
  refundedCommissionCents: number;
  netCommissionCents: number;
  refundAt: string | null;
  refunds: CreatorOrderRefund[];
  explanation: CreatorExplanation;
};

export type CreatorEarnings = {
  totals: EarningsTotals[];
  currencies: CurrencyTotals[];
  series: EarningsSeries[];
  orders: CreatorOrder[];
  ordersTruncated: boolean;
  chartDays: number;
  generatedAt: string;
};
