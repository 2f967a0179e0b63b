import type { CreatorExplanation } from "./earnings-types";

/**
 * The explanation as a creator may see it: how the commission was computed, from amounts and the
 * creator's own code only. The stored summary is not passed on (it can name other creators and the
 * customer's Shopify id).
 */
export function creatorExplanation(c: {
  type: "coupon" | "link";
  code: string | null;
  commissionRateBps: number;
  amountCents: number;
  commissionCents: number;
  explanation: Record<string, unknown>;
}): CreatorExplanation {
  const e = c.explanation ?? {};
  const amount = isRecord(e.amount) ? e.amount : {};
  const int = (v: unknown, fallback: number) => (typeof v === "number" && Number.isSafeInteger(v) ? v : fallback);
  const via = e.rule === "code_and_link_same_creator" ? "code_and_link" : c.type === "link" ? "link" : "code";
  return {
    via,
    code: via === "link" ? null : c.code,
    rateBps: int(amount.rateBps, c.commissionRateBps),
    amountCents: int(amount.amountCents, c.amountCents),
    commissionCents: int(amount.commissionCents, c.commissionCents),
    review: isRecord(e.selfReferral) ? "self_referral" : isRecord(e.newCreator) ? "new_creator" : null,
    giftCardsCents: Array.isArray(amount.excludedLines) ? amount.excludedLines.reduce((s: number, l: unknown) => s + (isRecord(l) ? int(l.amountCents, 0) : 0), 0) : 0,
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
