import { formatMoney, formatPercent } from "@/components/ui/format";
import type { CreatorOrder } from "@/lib/creators/earnings-types";

export const ORDER_STATUS_TONE = { pending: "violet", approved: "green", flagged: "amber", denied: "red", reversed: "slate", voided: "slate" } as const;
export const ORDER_STATUS_LABEL = { pending: "awaiting payment", approved: "approved", flagged: "in review", denied: "denied", reversed: "refunded", voided: "never paid" } as const;

/** The explanation in words for the creator: their own code or link and amounts, nothing about the customer. */
export function explainForCreator(o: Pick<CreatorOrder, "explanation" | "status" | "currency">): string {
  const e = o.explanation;
  const via = e.via === "link" ? "Your referral link" : e.via === "code_and_link" ? `Your code ${e.code ?? ""} and your link` : `Your code ${e.code ?? ""}`;
  const commission = `${formatPercent(e.rateBps)} commission of ${formatMoney(e.amountCents, o.currency)} = ${formatMoney(e.commissionCents, o.currency)}`;
  if (o.status === "pending") return `${via}: ${commission} once the customer has paid. The order is awaiting payment in Shopify: nothing is earned until then.`;
  if (o.status === "voided") return `${via}: the order was never paid (payment voided or the order cancelled), so nothing was earned.`;
  const sentences = [`${via}: ${commission}.`];
  if (e.giftCardsCents > 0) sentences.push(`Gift cards (${formatMoney(e.giftCardsCents, o.currency)}) earn no commission.`);
  const why = e.review === "self_referral" ? " (it looks like your own purchase)" : e.review === "new_creator" ? " (your first order soon after joining)" : "";
  if (o.status === "flagged") sentences.push(`The brand is reviewing this order${why}.`);
  if (o.status === "denied") sentences.push(`Denied by the brand${why}: no commission.`);
  if (o.status === "reversed") sentences.push("Fully refunded: the commission was taken back.");
  return sentences.join(" ");
}
