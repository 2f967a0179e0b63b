import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderLines, type orders } from "@/db/schema";
import type { RuleLine } from "@/lib/commission-rules/types";
import { commissionableAmount, type CommissionableAmount, type CommissionableInput } from "@/lib/ledger/commissionable-amount";
import { paymentState, type PaymentState } from "@/lib/ledger/payment-state";

type OrderRow = typeof orders.$inferSelect;

/** The order-line columns commission rules read (a RuleLine), for every query that loads them. */
export const RULE_LINE_COLUMNS = {
  lineItemId: orderLines.shopifyLineItemId,
  productId: orderLines.productId,
  variantId: orderLines.variantId,
  vendor: orderLines.vendor,
  title: orderLines.title,
  quantity: orderLines.quantity,
  priceCents: orderLines.priceCents,
  discountCents: orderLines.discountCents,
  taxCents: orderLines.taxCents,
  giftCard: orderLines.giftCard,
};

/** An order's lines as the commissionable-amount rule reads them; null when they were never recorded (older orders). */
export async function commissionableLines(db: Db, order: Pick<OrderRow, "id" | "linesRecorded">): Promise<RuleLine[] | null> {
  if (!order.linesRecorded) return null;
  const rows = await db
    .select(RULE_LINE_COLUMNS)
    .from(orderLines)
    .where(eq(orderLines.orderId, order.id))
    .orderBy(asc(orderLines.position));
  return rows;
}

/** The commissionable-amount input of a recorded order. */
export async function commissionableInput(db: Db, order: OrderRow): Promise<CommissionableInput> {
  return { subtotalCents: order.subtotalCents, lineItemsTaxCents: order.lineItemsTaxCents, taxesIncluded: order.taxesIncluded, lines: await commissionableLines(db, order) };
}

/** A recorded order's commissionable amount (lib/ledger/commissionable-amount.ts). */
export async function commissionableAmountOf(db: Db, order: OrderRow): Promise<CommissionableAmount> {
  return commissionableAmount(await commissionableInput(db, order));
}

/** Whether the order is paid, unpaid or voided, as far as earning goes: an unpaid order that was cancelled is voided. */
export function orderPayment(order: Pick<OrderRow, "financialStatus" | "cancelledAt">): { state: PaymentState; known: boolean } {
  const p = paymentState(order.financialStatus);
  return p.state === "unpaid" && order.cancelledAt ? { state: "voided", known: p.known } : p;
}
