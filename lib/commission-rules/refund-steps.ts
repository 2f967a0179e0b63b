import { refundedMerchandise, refundShare, type RefundFacts } from "@/lib/ledger/refund-share";
import { refundByLine, type LineRefunded } from "./refund-lines";
import type { EvaluatedLine } from "./types";

export type RefundStep = { amountCents: number; commissionCents: number; byLine: boolean };

/**
 * What each refund of a conversion reverses, in the ledger's order (created at, then refund id).
 * A refund that names credited lines reverses each line at that line's own commission
 * (`refundByLine`; the refund that completes a line takes the cents its roundings left); one that does
 * not (older refunds, orders taken as a whole) reverses its merchandise at the order's share
 * (`refundShare`). Never more than what is left of the amount or the commission.
 */
export function refundSteps(input: {
  amountCents: number;
  commissionCents: number;
  /** The credited lines (only when the order was credited line by line); null = order-wide shares. */
  lines: readonly EvaluatedLine[] | null;
  refunds: readonly RefundFacts[];
  taxesIncluded: boolean;
  giftCardLineIds?: ReadonlySet<number>;
}): RefundStep[] {
  const perLine = new Map<number, LineRefunded>();
  const byId = new Map<number, EvaluatedLine>();
  for (const l of input.lines ?? []) if (l.lineItemId !== null) byId.set(l.lineItemId, l);
  let refunded = 0;
  let refundedCommission = 0;
  return input.refunds.map((refund) => {
    const lineShare = input.lines ? refundByLine({ lines: input.lines, refund, taxesIncluded: input.taxesIncluded, refunded: perLine }) : null;
    let step: RefundStep;
    if (lineShare) {
      let commission = 0;
      for (const s of lineShare.lines) {
        const line = byId.get(s.lineItemId)!;
        const was = perLine.get(s.lineItemId) ?? { amountCents: 0, commissionCents: 0 };
        const now = { amountCents: was.amountCents + s.amountCents, commissionCents: was.commissionCents + s.commissionCents };
        if (now.amountCents >= line.amountCents) now.commissionCents = Math.max(now.commissionCents, line.commissionCents);
        commission += now.commissionCents - was.commissionCents;
        perLine.set(s.lineItemId, now);
      }
      const amount = Math.max(0, Math.min(lineShare.amountCents, input.amountCents - refunded));
      step = { amountCents: amount, commissionCents: Math.max(0, Math.min(commission, input.commissionCents - refundedCommission)), byLine: true };
    } else {
      const merchandise = refundedMerchandise(refund, { taxesIncluded: input.taxesIncluded, giftCardLineIds: input.giftCardLineIds ?? new Set() }).amountCents;
      const share = refundShare({ merchandiseCents: merchandise, orderAmountCents: input.amountCents, commissionCents: input.commissionCents, refundedAmountCents: refunded, refundedCommissionCents: refundedCommission });
      step = { ...share, byLine: false };
    }
    refunded += step.amountCents;
    refundedCommission += step.commissionCents;
    return step;
  });
}
