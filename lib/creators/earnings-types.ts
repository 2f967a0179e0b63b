import type { ConversionPayoutState } from "@/lib/payouts/conversion-payout-states";

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
  /** Null while nothing is earned (awaiting payment, denied, voided). */
  payout: CreatorOrderPayout | null;
};

/** Where an order's commission is in the payout cycle (lib/payouts); minor units, each may be 0. */
export type CreatorOrderPayout = Omit<ConversionPayoutState, "conversionId" | "payableAt"> & { payableAt: string };

/** A creator's balance with one brand in one currency (pending + payable + in payouts + paid = net). */
export type CreatorBalance = {
  workspaceId: string;
  brand: string;
  currency: string;
  pending: number;
  payable: number;
  inPayouts: number;
  paid: number;
  nextPayableAt: string | null;
};

export type CreatorPayoutItem = {
  id: string;
  brand: string;
  payout: string;
  status: string;
  amountCents: number;
  currency: string;
  orders: number;
  reference: string | null;
  failureReason: string | null;
  periodStart: string;
  periodEnd: string;
  paidAt: string | null;
  createdAt: string;
  /** Deductions in it: "refund of #1036 after payout P-0003" lines. */
  deductions: { kind: string; orderName: string; commissionCents: number; clawbackOf: { label: string } | null }[];
};

export type CreatorEarnings = {
  /** Balances per brand and currency, and the payouts that paid the creator. */
  balances: CreatorBalance[];
  payouts: CreatorPayoutItem[];
  totals: EarningsTotals[];
  currencies: CurrencyTotals[];
  series: EarningsSeries[];
  orders: CreatorOrder[];
  ordersTruncated: boolean;
  chartDays: number;
  generatedAt: string;
};
