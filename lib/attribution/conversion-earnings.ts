import type { Db } from "@/db/client";
import type { orders } from "@/db/schema";
import { evaluateCommission, oneRate } from "@/lib/commission-rules/evaluate";
import { commissionOrder } from "@/lib/commission-rules/order-lines";
import type { EvaluatedLine } from "@/lib/commission-rules/types";
import { commissionableAmount, type CommissionableAmount } from "@/lib/ledger/commissionable-amount";
import { commissionFor } from "./commission";
import { commissionableLines } from "./commissionable-order";
import type { CommissionTerms, Explanation } from "./types";

type OrderRow = typeof orders.$inferSelect;

/** The commission terms a conversion was credited under; null for conversions credited before issue 21 (one rate on the whole amount). */
export function termsOf(explanation: unknown): CommissionTerms | null {
  const terms = (explanation as Partial<Explanation> | null)?.commission;
  return terms && typeof terms === "object" && Array.isArray(terms.plan?.rules) ? terms : null;
}

export type Earnings = {
  /** The order's commissionable amount (gift cards out), before commission rules. */
  base: CommissionableAmount;
  /** The credited amount: eligible lines only (lines the rules exclude are out too). */
  amountCents: number;
  /** What it earns before review (a denied conversion earns 0). */
  commissionCents: number;
  /** The credited lines when credited line by line (refunds reverse each at its own rate); null = order-wide. */
  lines: EvaluatedLine[] | null;
};

/**
 * What an order earns for its conversion now, under the terms the conversion was credited under
 * (the same evaluation as when it was decided: lib/commission-rules), from the order's current lines.
 * Conversions credited before per-line rules: one rate on the whole amount, as they were.
 */
export function earningsFrom(order: Pick<OrderRow, "subtotalCents" | "lineItemsTaxCents" | "taxesIncluded">, lines: Awaited<ReturnType<typeof commissionableLines>>, c: { explanation: unknown; commissionRateBps: number }): Earnings {
  const base = commissionableAmount({ subtotalCents: order.subtotalCents, lineItemsTaxCents: order.lineItemsTaxCents, taxesIncluded: order.taxesIncluded, lines });
  const terms = termsOf(c.explanation);
  if (!terms) return { base, amountCents: base.amountCents, commissionCents: commissionFor(base.amountCents, c.commissionRateBps), lines: null };
  const evaluation = evaluateCommission({ order: commissionOrder({ ...order, lines }), ...terms });
  // One rate on every earning line and no line excluded by a rule: refunds take the order's share, as
  // before rules (the same at one rate); otherwise each refunded line reverses at its own rate.
  const orderWide = !evaluation.perLine || (oneRate(evaluation.lines) && !evaluation.lines.some((l) => l.excluded && l.basis.type === "rule"));
  return { base, amountCents: evaluation.amountCents, commissionCents: evaluation.commissionCents, lines: orderWide ? null : evaluation.lines };
}

export async function earningsOf(db: Db, order: OrderRow, c: { explanation: unknown; commissionRateBps: number }): Promise<Earnings> {
  return earningsFrom(order, await commissionableLines(db, order), c);
}
