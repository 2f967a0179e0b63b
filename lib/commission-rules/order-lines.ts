import type { EvaluateInput, RuleLine } from "./types";

type OrderLike = {
  subtotalCents: number;
  lineItemsTaxCents: number;
  taxesIncluded: boolean;
  lines?: readonly (Omit<RuleLine, "lineItemId" | "productId" | "variantId"> & Partial<Pick<RuleLine, "lineItemId" | "productId" | "variantId">>)[] | null;
};

/** An order as the evaluator reads it: lines without ids (plain test data, older facts) get none. */
export function commissionOrder(order: OrderLike): EvaluateInput["order"] {
  return {
    subtotalCents: order.subtotalCents,
    lineItemsTaxCents: order.lineItemsTaxCents,
    taxesIncluded: order.taxesIncluded,
    lines: order.lines ? order.lines.map((l) => ({ ...l, lineItemId: l.lineItemId ?? null, productId: l.productId ?? null, variantId: l.variantId ?? null })) : null,
  };
}
