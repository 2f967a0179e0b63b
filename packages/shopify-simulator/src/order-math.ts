/**
 * Derived order amounts (original and "current" after refunds), shared by the REST payload
 * builders and the GraphQL resolvers so both always agree.
 */
import { aggregateTaxLines } from "./pricing";
import type { FinancialStatus, LineItemRecord, OrderRecord, RefundRecord, TaxLineRecord } from "./types";

export interface LineAmounts {
  line: LineItemRecord;
  /** price × quantity */
  gross: number;
  discount: number;
  /** gross − discount (tax-inclusive when the order has taxes_included) */
  net: number;
  tax: number;
  refundedQuantity: number;
  refundedNet: number;
  refundedTax: number;
  refundedDiscount: number;
  currentQuantity: number;
}

export interface OrderAmounts {
  lines: LineAmounts[];
  totalLineItemsPrice: number;
  totalDiscounts: number;
  subtotal: number;
  totalShipping: number;
  shippingTax: number;
  totalTax: number;
  totalPrice: number;
  taxLines: TaxLineRecord[];
  refundedSubtotal: number;
  refundedTax: number;
  refundedShipping: number;
  refundedShippingTax: number;
  refundedDiscounts: number;
  currentSubtotal: number;
  currentTotalDiscounts: number;
  currentTotalTax: number;
  currentShipping: number;
  currentTotalPrice: number;
  totalReceived: number;
  totalRefunded: number;
  netPayment: number;
  totalOutstanding: number;
  financialStatus: FinancialStatus;
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

export function lineAmounts(order: OrderRecord, line: LineItemRecord): LineAmounts {
  const gross = line.price * line.quantity;
  const discount = sum(line.allocations.map((a) => a.amount));
  const tax = sum(line.taxLines.map((t) => t.price));
  let refundedQuantity = 0;
  let refundedNet = 0;
  let refundedTax = 0;
  let refundedDiscount = 0;
  for (const refund of order.refunds) {
    for (const rli of refund.lineItems) {
      if (rli.lineItemId !== line.id) continue;
      refundedQuantity += rli.quantity;
      refundedNet += rli.subtotal;
      refundedTax += rli.totalTax;
      refundedDiscount += rli.discount;
    }
  }
  return {
    line,
    gross,
    discount,
    net: gross - discount,
    tax,
    refundedQuantity,
    refundedNet,
    refundedTax,
    refundedDiscount,
    currentQuantity: line.quantity - refundedQuantity,
  };
}

export function orderAmounts(order: OrderRecord): OrderAmounts {
  const lines = order.lineItems.map((l) => lineAmounts(order, l));
  const totalLineItemsPrice = sum(lines.map((l) => l.gross));
  const totalDiscounts = sum(lines.map((l) => l.discount));
  const subtotal = totalLineItemsPrice - totalDiscounts;
  const totalShipping = sum(order.shippingLines.map((s) => s.price));
  const shippingTax = sum(order.shippingLines.flatMap((s) => s.taxLines.map((t) => t.price)));
  const totalTax = sum(lines.map((l) => l.tax)) + shippingTax;
  const totalPrice = subtotal + totalShipping + (order.taxesIncluded ? 0 : totalTax);
  const taxLines = aggregateTaxLines([
    ...order.lineItems.map((l) => l.taxLines),
    ...order.shippingLines.map((s) => s.taxLines),
  ]);

  const refundedSubtotal = sum(lines.map((l) => l.refundedNet));
  const refundedLineTax = sum(lines.map((l) => l.refundedTax));
  const refundedShipping = sum(order.refunds.map((r) => r.shipping?.amount ?? 0));
  const refundedShippingTax = sum(order.refunds.map((r) => r.shipping?.tax ?? 0));
  const refundedDiscounts = sum(lines.map((l) => l.refundedDiscount));
  const refundedTax = refundedLineTax + refundedShippingTax;

  const currentSubtotal = subtotal - refundedSubtotal;
  const currentTotalTax = totalTax - refundedTax;
  const currentShipping = totalShipping - refundedShipping;
  const currentTotalPrice = currentSubtotal + currentShipping + (order.taxesIncluded ? 0 : currentTotalTax);

  const totalReceived = sum(order.transactions.filter((t) => t.kind === "sale" || t.kind === "capture").map((t) => t.amount));
  const totalRefunded = sum(order.refunds.flatMap((r) => r.transactions.map((t) => t.amount)));

  return {
    lines,
    totalLineItemsPrice,
    totalDiscounts,
    subtotal,
    totalShipping,
    shippingTax,
    totalTax,
    totalPrice,
    taxLines,
    refundedSubtotal,
    refundedTax,
    refundedShipping,
    refundedShippingTax,
    refundedDiscounts,
    currentSubtotal,
    currentTotalDiscounts: totalDiscounts - refundedDiscounts,
    currentTotalTax,
    currentShipping,
    currentTotalPrice,
    totalReceived,
    totalRefunded,
    netPayment: totalReceived - totalRefunded,
    totalOutstanding: order.paid || order.voidedAt !== null ? 0 : Math.max(0, currentTotalPrice - totalReceived),
    financialStatus: financialStatus(order, totalReceived, totalRefunded),
  };
}

function financialStatus(order: OrderRecord, received: number, refunded: number): FinancialStatus {
  if (order.voidedAt !== null) return "voided";
  if (!order.paid) return order.cancelledAt !== null ? "voided" : order.unpaid;
  if (refunded <= 0) return "paid";
  return refunded >= received ? "refunded" : "partially_refunded";
}

export function refundTotal(refund: RefundRecord): number {
  return sum(refund.transactions.map((t) => t.amount));
}

/** What a refund gave back (items + tax + shipping), independent of whether money moved. */
export function refundValue(refund: RefundRecord, taxesIncluded: boolean): number {
  const items = sum(refund.lineItems.map((l) => l.subtotal + (taxesIncluded ? 0 : l.totalTax)));
  const shipping = refund.shipping ? refund.shipping.amount + (taxesIncluded ? 0 : refund.shipping.tax) : 0;
  return items + shipping;
}
