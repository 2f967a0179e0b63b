import type { CommissionPlan } from "@/lib/commission-rules/types";
import type { CommissionableAmount } from "@/lib/ledger/commissionable-amount";
import { sameMailbox } from "./normalize";
import type { AttributionInput, Explanation, ReviewStatus } from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The creator a decision credits, as the review checks need them. */
export type Winner = {
  creatorId: string;
  creatorName: string;
  creatorEmail: string;
  creatorCustomerIds: number[] | undefined;
  enrollmentJoinedAt: Date | undefined;
  /** The rate lines fall back to: the creator's roster rate, else the campaign's. */
  commissionRateBps: number;
  campaignRateBps: number;
  creatorRateBps: number | null;
  plan: CommissionPlan | null;
};

/** Self-referral, new-creator and bad-input checks on the winner: the review verdict and its facts. */
export function reviewChecks(input: AttributionInput, winner: Winner, base: CommissionableAmount) {
  const { order, settings } = input;
  let status: ReviewStatus = "approved";
  const explanation: Pick<Explanation, "selfReferral" | "newCreator"> = {};

  const byCustomerId = order.shopifyCustomerId !== null && (winner.creatorCustomerIds ?? []).includes(order.shopifyCustomerId);
  const byEmail = sameMailbox(order.email, winner.creatorEmail);
  if (byCustomerId || byEmail) {
    explanation.selfReferral = { matchedBy: byCustomerId ? "customer_id" : "email", byCustomerId, byEmail, customerId: byCustomerId ? order.shopifyCustomerId : null, creatorName: winner.creatorName };
    status = settings.selfReferral === "flag" ? "flagged" : "denied";
  }

  const flagDays = settings.newCreatorFlagDays;
  const joinedAt = winner.enrollmentJoinedAt;
  if (flagDays !== null && joinedAt !== undefined) {
    const prior = input.creatorPriorOrders && Object.hasOwn(input.creatorPriorOrders, winner.creatorId) ? (input.creatorPriorOrders[winner.creatorId] ?? 0) : 0;
    if (prior === 0 && order.createdAt.getTime() - joinedAt.getTime() < flagDays * DAY_MS) {
      explanation.newCreator = { joinedAt: joinedAt.toISOString(), priorOrders: prior, flagDays, creatorName: winner.creatorName };
      if (status === "approved") status = "flagged";
    }
  }
  if (base.discrepancy && status === "approved") status = "flagged";
  return { status, explanation };
}
