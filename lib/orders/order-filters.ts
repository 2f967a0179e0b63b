import { and, eq, gte, inArray, isNotNull, isNull, lt, not, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { conversions, orders, refunds } from "@/db/schema";
import { normalizeCode } from "@/lib/codes/normalize-code";
import { PAID_FINANCIAL_STATUSES } from "@/lib/ledger/payment-state";
import { localDayRange, optionalQueueField, queueFilterFields, refineDateRange } from "@/lib/review-queue/query";

/**
 * An order's state as the brand's orders list shows it, the first that holds: cancelled; refunded
 * (in part or in full); awaiting payment (Shopify's `pending`, `authorized`, `partially_paid` or a
 * status Tally does not know); voided (`voided`, `expired`); otherwise open (paid).
 */
export const ORDER_STATES = ["open", "awaiting_payment", "refunded", "cancelled", "voided"] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * What the orders list, its CSV export and totals filter orders by; scoped to one workspace.
 * Campaign and creator are those of the conversion that credits the order (an order credited to
 * nobody matches neither). `code` matches a code typed at checkout, case-insensitively. Dates are
 * the order's placement time, `placedFrom` inclusive, `placedBefore` exclusive.
 */
export type OrderFilters = {
  workspaceId: string;
  state?: OrderState | undefined;
  campaignId?: string | undefined;
  creatorId?: string | undefined;
  code?: string | undefined;
  orderName?: string | undefined;
  placedFrom?: Date | undefined;
  placedBefore?: Date | undefined;
};

const VOIDED = ["voided", "expired"];
const hasRefund = sql`exists (select 1 from ${refunds} where ${refunds.workspaceId} = ${orders.workspaceId} and ${refunds.shopifyOrderId} = ${orders.shopifyOrderId})`;
const financial = sql`lower(coalesce(${orders.financialStatus}, ''))`;

function stateWhere(state: OrderState): SQL {
  const live = and(isNull(orders.cancelledAt), not(hasRefund))!;
  switch (state) {
    case "cancelled":
      return isNotNull(orders.cancelledAt);
    case "refunded":
      return and(isNull(orders.cancelledAt), hasRefund)!;
    case "voided":
      return and(live, inArray(financial, VOIDED))!;
    case "awaiting_payment":
      return and(live, not(inArray(financial, [...PAID_FINANCIAL_STATUSES, ...VOIDED])))!;
    case "open":
      return and(live, inArray(financial, [...PAID_FINANCIAL_STATUSES]))!;
  }
}

/** The WHERE clause of a filter set; leads with the workspace (orders_workspace_created_idx). */
export function orderFilterWhere(f: OrderFilters): SQL {
  const conditions: SQL[] = [eq(orders.workspaceId, f.workspaceId)];
  if (f.state) conditions.push(stateWhere(f.state));
  if (f.campaignId || f.creatorId) {
    const credited = [eq(conversions.workspaceId, orders.workspaceId), eq(conversions.orderId, orders.id)];
    if (f.campaignId) credited.push(eq(conversions.campaignId, f.campaignId));
    if (f.creatorId) credited.push(eq(conversions.creatorId, f.creatorId));
    conditions.push(sql`exists (select 1 from ${conversions} where ${and(...credited)})`);
  }
  if (f.code) conditions.push(sql`exists (select 1 from jsonb_array_elements_text(${orders.discountCodes}) as typed(code) where upper(trim(typed.code)) = ${normalizeCode(f.code)})`);
  if (f.orderName) {
    const name = f.orderName.trim();
    conditions.push(or(eq(orders.name, name.startsWith("#") ? name : `#${name}`), eq(orders.name, name))!);
  }
  if (f.placedFrom) conditions.push(gte(orders.shopifyCreatedAt, f.placedFrom));
  if (f.placedBefore) conditions.push(lt(orders.shopifyCreatedAt, f.placedBefore));
  return and(...conditions)!;
}

export const ORDER_STATE_LABEL: Record<OrderState, string> = {
  open: "Open",
  awaiting_payment: "Awaiting payment",
  refunded: "Refunded",
  cancelled: "Cancelled",
  voided: "Voided",
};

/** The orders list's query string: the queues' short names; `status` is an order state. */
export const ZOrderQueueQuery = z
  .object({
    status: optionalQueueField(z.enum(ORDER_STATES, { errorMap: () => ({ message: `Status is one of ${ORDER_STATES.join(", ")}.` }) })),
    ...queueFilterFields,
  })
  .superRefine(refineDateRange);
export type TOrderQueueQuery = z.infer<typeof ZOrderQueueQuery>;

/** The filter set of a parsed orders query, in the shop's zone. */
export function orderFiltersFromQuery(workspaceId: string, q: TOrderQueueQuery, timeZone: string): OrderFilters {
  return { workspaceId, state: q.status, campaignId: q.campaign, creatorId: q.creator, code: q.code, orderName: q.order, ...localDayRange(q, timeZone) };
}

/** The state of one order (the same rule as `orderFilterWhere`'s `state`). */
export function orderState(o: { cancelledAt: Date | null; refundCount: number; financialStatus: string | null }): OrderState {
  if (o.cancelledAt) return "cancelled";
  if (o.refundCount > 0) return "refunded";
  const s = (o.financialStatus ?? "").trim().toLowerCase();
  if (VOIDED.includes(s)) return "voided";
  return (PAID_FINANCIAL_STATUSES as readonly string[]).includes(s) ? "open" : "awaiting_payment";
}
