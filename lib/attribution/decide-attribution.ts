import { campaignActiveAt } from "@/lib/campaigns/campaign-status";
import { commissionableAmount, type CommissionableAmount } from "@/lib/ledger/commissionable-amount";
import { paymentState } from "@/lib/ledger/payment-state";
import { commissionFor } from "./commission";
import { normalizeCheckoutCode, sameMailbox } from "./normalize";
import type {
  AmountBreakdown,
  AttributionDecision,
  AttributionInput,
  AttributionRule,
  AttributionSettings,
  CampaignWindow,
  Candidate,
  CandidateOutcome,
  CandidateReason,
  ClickFact,
  CodeFact,
  Explanation,
  ReviewStatus,
} from "./types";

export { commissionFor } from "./commission";
export { normalizeCheckoutCode, normalizeEmailForSelfReferral } from "./normalize";
export * from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;
const iso = (d: Date) => d.toISOString();

/** A code the order listed, once (first listing wins), with what Tally knows of it. */
type ListedCode = {
  /** Position among the order's distinct codes (first listed = 0). */
  index: number;
  code: string;
  typed: string;
  /** The creator code it is, or null when it is nobody's (a store code). */
  fact: CodeFact | null;
  /** Why it does not count at the order's time; null when it counts (or is not a creator code). */
  notCounted: { outcome: CandidateOutcome; reason: CandidateReason } | null;
};

type Winner = {
  creatorId: string;
  creatorName: string;
  creatorEmail: string;
  creatorCustomerIds: number[] | undefined;
  enrollmentJoinedAt: Date | undefined;
  commissionRateBps: number;
};

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

  const listed = listCodes(order.checkoutCodes, input.codes, at);
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
      commissionRateBps: fact.commissionRateBps,
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
      commissionRateBps: click.commissionRateBps,
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

  const amount = breakdown(order, base, winner.commissionRateBps);
  const checks = reviewChecks(input, winner, base);
  const explanation: Explanation = { ...common, rule, candidates, amount, review: checks.status, credited, ...checks.explanation };
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

// ── Codes ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * The order's distinct codes in listing order, each with the creator code it is (if any). When several
 * of the workspace's codes share one normalized code (codes of two shops), the one that counts at the
 * order's time wins, then the latest assigned, then the smallest id — never the input's order.
 */
function listCodes(checkoutCodes: string[], facts: CodeFact[], at: Date): ListedCode[] {
  const byCode = new Map<string, CodeFact[]>();
  for (const fact of canonicalFacts(facts)) {
    const key = normalizeCheckoutCode(fact.code);
    const list = byCode.get(key);
    if (list) list.push(fact);
    else byCode.set(key, [fact]);
  }
  const listed: ListedCode[] = [];
  const seen = new Set<string>();
  for (const typed of checkoutCodes) {
    const code = normalizeCheckoutCode(typed);
    if (code === "" || seen.has(code)) continue;
    seen.add(code);
    const options = (byCode.get(code) ?? []).map((fact) => ({ fact, notCounted: codeDisqualification(fact, at) }));
    options.sort(
      (a, b) =>
        Number(a.notCounted !== null) - Number(b.notCounted !== null) ||
        b.fact.assignedAt.getTime() - a.fact.assignedAt.getTime() ||
        compareStrings(a.fact.codeId, b.fact.codeId),
    );
    const chosen = options[0];
    listed.push({ index: listed.length, code, typed, fact: chosen?.fact ?? null, notCounted: chosen?.notCounted ?? null });
  }
  return listed;
}

/** `facts` without repetitions, in a fixed order: by id, and one fact per id (the same one whatever the input order). */
function canonicalFacts(facts: CodeFact[]): CodeFact[] {
  const byId = new Map<string, { fact: CodeFact; key: string }>();
  for (const fact of facts) {
    const key = factKey(fact);
    const existing = byId.get(fact.codeId);
    if (!existing || compareStrings(key, existing.key) < 0) byId.set(fact.codeId, { fact, key });
  }
  return [...byId.values()].map((e) => e.fact).sort((a, b) => compareStrings(a.codeId, b.codeId));
}

function factKey(f: CodeFact): string {
  const t = (d: Date | null) => (d ? String(d.getTime()) : "-");
  return [
    f.codeId,
    f.code,
    f.creatorId,
    f.creatorName,
    f.creatorEmail,
    [...(f.creatorCustomerIds ?? [])].sort((a, b) => a - b).join(","),
    f.campaignId,
    f.campaignName,
    f.enrollmentId,
    t(f.assignedAt),
    t(f.deactivatedAt),
    t(f.enrollmentJoinedAt),
    t(f.enrollmentRemovedAt),
    t(f.campaign.startsAt),
    t(f.campaign.endsAt),
    t(f.campaign.endedAt),
    String(f.commissionRateBps),
  ].join("\u0000");
}

/** Why a creator code does not count for an order placed at `at`, or null when it does. */
function codeDisqualification(fact: CodeFact, at: Date): ListedCode["notCounted"] {
  const inactive = campaignInactive(fact.campaign, at);
  if (inactive) return { outcome: "campaign_not_active", reason: inactive };
  if (fact.deactivatedAt && fact.deactivatedAt <= at) return { outcome: "code_deactivated", reason: { type: "code_deactivated", at: iso(fact.deactivatedAt) } };
  if (fact.enrollmentRemovedAt && fact.enrollmentRemovedAt <= at) {
    return { outcome: "enrollment_removed", reason: { type: "enrollment_removed", at: iso(fact.enrollmentRemovedAt) } };
  }
  return null;
}

/** The winner among the counting creator codes (already in listing order). */
function pickByTieBreak<T extends ListedCode & { fact: CodeFact }>(counting: T[], tieBreak: AttributionSettings["tieBreak"]): T | null {
  let best: T | null = null;
  for (const candidate of counting) {
    if (!best) best = candidate;
    else if (tieBreak === "oldest_assigned" && candidate.fact.assignedAt.getTime() < best.fact.assignedAt.getTime()) best = candidate;
  }
  return best;
}

// ── Click ──────────────────────────────────────────────────────────────────────────────────────────

/** Why a click does not count for an order placed at `at`, or null when it does. */
function clickDisqualification(click: ClickFact, at: Date, windowDays: number): ListedCode["notCounted"] {
  const clickedAt = click.clickedAt.getTime();
  if (!(clickedAt <= at.getTime())) return { outcome: "outside_window", reason: { type: "click_after_order" } };
  if (!(clickedAt >= at.getTime() - windowDays * DAY_MS)) return { outcome: "outside_window", reason: { type: "click_too_old", windowDays } };
  const inactive = campaignInactive(click.campaign, at);
  if (inactive) return { outcome: "campaign_not_active", reason: inactive };
  if (click.enrollmentRemovedAt && click.enrollmentRemovedAt <= at) {
    return { outcome: "enrollment_removed", reason: { type: "enrollment_removed", at: iso(click.enrollmentRemovedAt) } };
  }
  return null;
}

// ── Shared ─────────────────────────────────────────────────────────────────────────────────────────

/** Null when the campaign was active at `at` (`campaignActiveAt`); otherwise why not. */
function campaignInactive(c: CampaignWindow, at: Date): CandidateReason | null {
  if (campaignActiveAt(c, at)) return null;
  if (at < c.startsAt) return { type: "campaign_not_started", startsAt: iso(c.startsAt) };
  const ends = [c.endsAt, c.endedAt].filter((d): d is Date => d !== null && at >= d).map((d) => d.getTime());
  return ends.length > 0 ? { type: "campaign_ended", endedAt: iso(new Date(Math.min(...ends))) } : { type: "campaign_inactive" };
}

/** Self-referral, new-creator and bad-input checks on the winner: the review verdict and its facts. */
function reviewChecks(input: AttributionInput, winner: Winner, base: CommissionableAmount) {
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
      explanation.newCreator = { joinedAt: iso(joinedAt), priorOrders: prior, flagDays, creatorName: winner.creatorName };
      if (status === "approved") status = "flagged";
    }
  }
  if (base.discrepancy && status === "approved") status = "flagged";
  return { status, explanation };
}

/** Code-unit order, independent of locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
