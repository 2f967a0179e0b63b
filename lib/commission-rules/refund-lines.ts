import type { RefundFacts } from "@/lib/ledger/refund-share";
import type { EvaluatedLine } from "./types";

/** What earlier refunds already took back from one line (by Shopify line item id). */
export type LineRefunded = { amountCents: number; commissionCents: number };

export type LineRefundShare = {
  amountCents: number;
  commissionCents: number;
  /** Per refunded line: what it takes back (only lines that take something back). */
  lines: { lineItemId: number; amountCents: number; commissionCents: number }[];
};

/**
 * A refund's share of an order credited line by line: each refunded line reverses its merchandise
 * (never more than what is left of that line) at that line's own commission — the line's commission ×
 * refunded ÷ the line's amount, rounded down in exact integer arithmetic, never more than the
 * line's commission left — never a blended rate. Excluded lines and gift cards took nothing, so their
 * refunds reverse nothing. Independent of the other refunds' order (as `refundShare`).
 *
 * Returns null when per-line reversal does not apply (the order was taken as a whole, or the refund
 * does not name its lines): the caller uses the order-wide `refundShare`.
 */
export function refundByLine(input: {
  lines: readonly EvaluatedLine[];
  refund: RefundFacts;
  taxesIncluded: boolean;
  /** What earlier refunds took back per line item id. */
  refunded: ReadonlyMap<number, LineRefunded>;
}): LineRefundShare | null {
  const byId = new Map<number, EvaluatedLine>();
  for (const l of input.lines) if (l.lineItemId !== null) byId.set(l.lineItemId, l);
  if (byId.size === 0 || input.refund.lines.length === 0) return null;
  if (input.refund.lines.some((r) => r.lineItemId === null || !byId.has(r.lineItemId))) return null;

  // one refund may list a line twice (several refund_line_items of one line): add them up first
  const merchandise = new Map<number, number>();
  for (const r of input.refund.lines) {
    const net = r.subtotalCents - (input.taxesIncluded ? r.taxCents : 0);
    merchandise.set(r.lineItemId!, (merchandise.get(r.lineItemId!) ?? 0) + net);
  }
  const out: LineRefundShare = { amountCents: 0, commissionCents: 0, lines: [] };
  for (const [id, m] of merchandise) {
    const line = byId.get(id)!;
    if (line.excluded || line.amountCents <= 0) continue;
    const before = input.refunded.get(id) ?? { amountCents: 0, commissionCents: 0 };
    const amount = Math.max(0, Math.min(m, line.amountCents - before.amountCents));
    if (amount === 0) continue;
    const share = Number((BigInt(Math.max(0, line.commissionCents)) * BigInt(amount)) / BigInt(line.amountCents));
    const commission = Math.max(0, Math.min(share, line.commissionCents - before.commissionCents));
    out.lines.push({ lineItemId: id, amountCents: amount, commissionCents: commission });
    out.amountCents += amount;
    out.commissionCents += commission;
  }
  return out;
}

/**
 * Replays refunds in the ledger's order (created at, then refund id) line by line: what each takes
 * back and what is left per line. Once a line is fully refunded, the cents its roundings left go with
 * that refund, so a fully refunded line has reversed exactly its commission.
 */
export function replayLineRefunds(input: { lines: readonly EvaluatedLine[]; refunds: readonly RefundFacts[]; taxesIncluded: boolean }): { shares: (LineRefundShare | null)[]; refunded: Map<number, LineRefunded> } {
  const refunded = new Map<number, LineRefunded>();
  const byId = new Map<number, EvaluatedLine>();
  for (const l of input.lines) if (l.lineItemId !== null) byId.set(l.lineItemId, l);
  const shares = input.refunds.map((refund) => {
    const share = refundByLine({ lines: input.lines, refund, taxesIncluded: input.taxesIncluded, refunded });
    if (!share) return null;
    for (const s of share.lines) {
      const line = byId.get(s.lineItemId)!;
      const was = refunded.get(s.lineItemId) ?? { amountCents: 0, commissionCents: 0 };
      const now = { amountCents: was.amountCents + s.amountCents, commissionCents: was.commissionCents + s.commissionCents };
      if (now.amountCents >= line.amountCents && now.commissionCents < line.commissionCents) {
        const rest = line.commissionCents - now.commissionCents;
        s.commissionCents += rest;
        share.commissionCents += rest;
        now.commissionCents = line.commissionCents;
      }
      refunded.set(s.lineItemId, now);
    }
    return share;
  });
  return { shares, refunded };
}
