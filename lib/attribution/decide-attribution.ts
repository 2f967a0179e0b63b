import { commissionableAmount, type CommissionableAmount } from "@/lib/ledger/commissionable-amount";
import { paymentState } from "@/lib/ledger/payment-state";
import { clickDisqualification } from "./click-disqualification";
import { commissionOrder } from "@/lib/commission-rules/order-lines";
import { evaluateCommission } from "@/lib/commission-rules/evaluate";
import { EMPTY_PLAN } from "@/lib/commission-rules/types";
import { commissionFor } from "./commission";
import { listCheckoutCodes, pickByTieBreak, type ListedCode } from "./list-checkout-codes";
import { reviewChecks, type Winner } from "./review-checks";
import type {
  AmountBreakdown,
  AttributionDecision,
  AttributionInput,
  AttributionRule,
  AttributionSettings,
  Candidate,
  ClickFact,
  CodeFact,
  CommissionTerms,
  Explanation,
} from "./types";

const iso = (d: Date) => d.toISOString();

/**
 * Decides who, if anyone, is credited for one order, and why — as a structured decision (words come
 * from `explainDecision`, one formatter for every reader). Pure and deterministic: the same input
 * gives the same output (the clock is never read; only the order's `createdAt` matters), whatever
 * the order of `codes[]` and however often a code appears in it.
 *
 * 1. Only the order's discount codes count (`order.checkoutCodes`, first listed first), matched
 *    case-insensitively, surrounding spaces ignored; codes of no creator are ignored.
 * 2. A creator code counts only if, when the order was placed, its campaign was active, the code not
 *    yet deactivated and its creator not removed from the campaign.
 * 3. Several counting creator codes: one conversion; `settings.tieBreak` picks the winner
 *    (`first_listed`, or `oldest_assigned` with ties going to the first listed).
 * 4. A code beats a referral-link click. A click counts only within `clickWindowDays` before the order
 *    (not after it) while its campaign is active. Code and click of one creator: one coupon conversion.
 * 5. Which orders earn: a test order earns nothing (no conversion); an order of gift cards only has
 *    nothing to earn on (no conversion). Amount: the eligible lines after discounts, without
 *    shipping, tax and gift cards (lib/ledger/commissionable-amount.ts); commission rounded half up,
 *    in integers.
 * 6. Review: self-referral → denied (or flagged); a new creator's first order → flagged; lines that
 *    do not add up to the subtotal → flagged. An unpaid order's conversion is pending until paid
 *    (`payment`), then takes this verdict.
 */
export function decideAttribution(input: AttributionInput): AttributionDecision {
  const { order, settings } = input;
  const at = order.createdAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError("order.createdAt must be a valid date.");
  const base = commissionableAmount({ subtotalCents: order.subtotalCents, lineItemsTaxCents: order.lineItemsTaxCents, taxesIncluded: order.taxesIncluded, lines: order.lines ?? null });
  const settingsCopy: AttributionSettings = {
    tieBreak: settings.tieBreak,
    selfReferral: settings.selfReferral,
    clickWindowDays: settings.clickWindowDays,
    newCreatorFlagDays: settings.newCreatorFlagDays,
  };
  const payment = order.financialStatus === undefined ? { state: "paid" as const, known: true } : paymentState(order.financialStatus);
  const common = {
    version: 2 as const,
    settings: settingsCopy,
    payment: { state: payment.state, financialStatus: order.financialStatus ?? null, known: payment.known },
    test: order.test === true,
    ...(input.ignoredClicks?.length ? { ignoredClicks: input.ignoredClicks.map((c) => ({ ...c })) } : {}),
  };

  const listed = listCheckoutCodes(order.checkoutCodes, input.codes, at);
  const creatorCodes = listed.filter((l): l is ListedCode & { fact: CodeFact } => l.fact !== null);
  const counting = creatorCodes.filter((l) => l.notCounted === null);
  const winningCode = pickByTieBreak(counting, settings.tieBreak);

  const click = input.click;
  const clickNotCounted = click ? clickDisqualification(click, at, settings.clickWindowDays) : null;
  const clickCounts = click !== null && clickNotCounted === null;

  // ── Candidates, in the order's listing order ─────────────────────────────────────────────────────
  const codeCandidates: Candidate[] = listed.map((l) => {
    if (!l.fact) return { kind: "code", value: l.code, typed: l.typed, outcome: "not_a_creator_code", reason: { type: "not_a_creator_code" } };
    const who = { kind: "code" as const, value: l.code, typed: l.typed, creatorId: l.fact.creatorId, creatorName: l.fact.creatorName, campaignName: l.fact.campaignName };
    if (l.notCounted) return { ...who, outcome: l.notCounted.outcome, reason: l.notCounted.reason };
    if (winningCode && l === winningCode) {
      return { ...who, outcome: "won", reason: { type: "code_won", counting: counting.length, tieBreak: settings.tieBreak, assignedAt: iso(l.fact.assignedAt) } };
    }
    // a counting code that is not the winner lost the tie-break
    return {
      ...who,
      outcome: "lost_tie_break",
      reason: { type: "code_lost_tie_break", tieBreak: settings.tieBreak, winner: winningCode!.code, assignedAt: iso(l.fact.assignedAt), winnerAssignedAt: iso(winningCode!.fact!.assignedAt) },
    };
  });
  const clickWho = click
    ? {
        kind: "click" as const,
        value: click.clickId,
        creatorId: click.creatorId,
        creatorName: click.creatorName,
        campaignName: click.campaignName,
        clickedAt: iso(click.clickedAt),
        ...(click.source ? { source: click.source } : {}),
        ...(click.matchedBy ? { matchedBy: click.matchedBy } : {}),
      }
    : null;
  const notCountedClick: Candidate[] = click && clickNotCounted ? [{ ...clickWho!, outcome: clickNotCounted.outcome, reason: clickNotCounted.reason }] : [];

  // ── The winner: a code, else a counting click ────────────────────────────────────────────────────
  let winner: (Winner & { type: "coupon" | "link"; campaignId: string; enrollmentId: string; codeId: string | null; code: string | null; clickId: string | null; via: "code" | "link" | "code_and_link" }) | null = null;
  let rule: AttributionRule;
  let candidates: Candidate[];
  if (winningCode) {
    const fact = winningCode.fact;
    const sameCreatorClick = click !== null && clickCounts && click.creatorId === fact.creatorId;
    const clickCandidate: Candidate[] = [...notCountedClick];
    if (click && clickCounts) {
      clickCandidate.push(
        sameCreatorClick
          ? { ...clickWho!, outcome: "same_creator_as_code", reason: { type: "click_same_creator", code: fact.code } }
          : { ...clickWho!, outcome: "lost_to_code", reason: { type: "click_lost_to_code", code: fact.code, codeCreatorName: fact.creatorName } },
      );
    }
    candidates = [...codeCandidates, ...clickCandidate];
    rule =
      counting.length > 1
        ? settings.tieBreak === "oldest_assigned"
          ? "tie_break_oldest_assigned"
          : "tie_break_first_listed"
        : clickCounts
          ? sameCreatorClick
            ? "code_and_link_same_creator"
            : "code_beats_link"
          : "single_code";
    winner = {
      creatorId: fact.creatorId,
      creatorName: fact.creatorName,
      creatorEmail: fact.creatorEmail,
      creatorCustomerIds: fact.creatorCustomerIds,
      enrollmentJoinedAt: fact.enrollmentJoinedAt,
      ...ratesOf(fact),
      type: "coupon",
      campaignId: fact.campaignId,
      enrollmentId: fact.enrollmentId,
      codeId: fact.codeId,
      code: fact.code,
      clickId: sameCreatorClick ? click.clickId : null,
      via: sameCreatorClick ? "code_and_link" : "code",
    };
  } else if (click && clickCounts) {
    candidates = [...codeCandidates, { ...clickWho!, outcome: "won", reason: { type: "click_won", windowDays: settings.clickWindowDays } }];
    rule = "link_only";
    winner = {
      creatorId: click.creatorId,
      creatorName: click.creatorName,
      creatorEmail: click.creatorEmail,
      creatorCustomerIds: click.creatorCustomerIds,
      enrollmentJoinedAt: click.enrollmentJoinedAt,
      ...ratesOf(click),
      type: "link",
      campaignId: click.campaignId,
      enrollmentId: click.enrollmentId,
      codeId: null,
      code: null,
      clickId: click.clickId,
      via: "link",
    };
  } else {
    candidates = [...codeCandidates, ...notCountedClick];
    rule = creatorCodes.length > 0 ? "codes_not_active" : notCountedClick.length > 0 ? "click_not_counted" : "no_creator_code";
  }

  if (!winner) return { kind: "unattributed", explanation: { ...common, rule, candidates, amount: breakdown(order, base, 0) } };

  const credited = { creatorName: winner.creatorName, via: winner.via, code: winner.code };
  // ── Which orders earn ────────────────────────────────────────────────────────────────────────────
  if (common.test || base.giftCardsOnly) {
    return {
      kind: "unattributed",
      explanation: { ...common, rule: common.test ? "test_order" : "gift_cards_only", candidates, amount: breakdown(order, base, 0), credited },
    };
  }

  const terms: CommissionTerms = { plan: winner.plan ?? EMPTY_PLAN, campaignRateBps: winner.campaignRateBps, creatorRateBps: winner.creatorRateBps, customer: input.customer ?? "unknown" };
  const amount = ruledBreakdown(order, base, terms, input.products);
  const checks = reviewChecks(input, winner, base);
  const explanation: Explanation = { ...common, rule, candidates, amount, review: checks.status, credited, ...checks.explanation, commission: terms };
  return {
    kind: "conversion",
    type: winner.type,
    creatorId: winner.creatorId,
    campaignId: winner.campaignId,
    enrollmentId: winner.enrollmentId,
    codeId: winner.codeId,
    code: winner.code,
    clickId: winner.clickId,
    status: checks.status,
    payment: payment.state,
    currency: order.currency,
    amountCents: amount.amountCents,
    commissionCents: amount.commissionCents,
    commissionRateBps: winner.commissionRateBps,
    explanation,
  };
}

/** The winner's rates: lines fall back to the creator's roster rate, else the campaign's. */
function ratesOf(fact: CodeFact | ClickFact): Pick<Winner, "commissionRateBps" | "campaignRateBps" | "creatorRateBps" | "plan"> {
  const creatorRateBps = fact.creatorRateBps ?? null;
  return { commissionRateBps: creatorRateBps ?? fact.commissionRateBps, campaignRateBps: fact.commissionRateBps, creatorRateBps, plan: fact.commissionPlan ?? null };
}

/** The credited order's amount and commission under the campaign's rules, line by line (lib/commission-rules). */
function ruledBreakdown(order: AttributionInput["order"], base: CommissionableAmount, terms: CommissionTerms, products: AttributionInput["products"]): AmountBreakdown {
  const evaluation = evaluateCommission({ order: commissionOrder(order), ...terms, ...(products ? { products } : {}) });
  return {
    subtotalCents: order.subtotalCents,
    lineItemsTaxCents: order.lineItemsTaxCents,
    taxesIncluded: order.taxesIncluded,
    amountCents: evaluation.amountCents,
    rateBps: terms.creatorRateBps ?? terms.campaignRateBps,
    commissionCents: evaluation.commissionCents,
    currency: order.currency,
    ...(base.excludedLines.length > 0 ? { excludedLines: base.excludedLines } : {}),
    ...(base.discrepancy ? { discrepancy: base.discrepancy } : {}),
    lines: evaluation.lines,
    ...(evaluation.cap ? { cap: evaluation.cap } : {}),
    ...(evaluation.belowMinimum ? { belowMinimum: evaluation.belowMinimum } : {}),
  };
}

function breakdown(order: AttributionInput["order"], base: CommissionableAmount, rateBps: number): AmountBreakdown {
  return {
    subtotalCents: order.subtotalCents,
    lineItemsTaxCents: order.lineItemsTaxCents,
    taxesIncluded: order.taxesIncluded,
    amountCents: base.amountCents,
    rateBps,
    commissionCents: commissionFor(base.amountCents, rateBps),
    currency: order.currency,
    ...(base.excludedLines.length > 0 ? { excludedLines: base.excludedLines } : {}),
    ...(base.discrepancy ? { discrepancy: base.discrepancy } : {}),
  };
}
