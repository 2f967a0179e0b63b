import { campaignActiveAt } from "@/lib/campaigns/campaign-status";
import { commissionFor } from "./commission";
import { describeTyped, formatDay, formatMoney, formatRate, listWords } from "./format";
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
  ClickFact,
  CodeFact,
  ConversionStatus,
  Explanation,
} from "./types";

export { commissionFor } from "./commission";
export { normalizeCheckoutCode, normalizeEmailForSelfReferral } from "./normalize";
export * from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** A code the order listed, once (first listing wins), with what Tally knows of it. */
type ListedCode = {
  /** Position among the order's distinct codes (first listed = 0). */
  index: number;
  code: string;
  typed: string;
  /** The creator code it is, or null when it is nobody's (a store code). */
  fact: CodeFact | null;
  /** Why it does not count at the order's time; null when it counts (or is not a creator code). */
  notCounted: { outcome: CandidateOutcome; detail: string } | null;
};

type Winner = {
  creatorId: string;
  creatorName: string;
  creatorEmail: string;
  creatorCustomerIds: number[] | undefined;
  enrollmentJoinedAt: Date | undefined;
  campaignId: string;
  enrollmentId: string;
  commissionRateBps: number;
};

/**
 * Decides who, if anyone, is credited for one order, and why. Pure and deterministic: the same input
 * gives the same output (the clock is never read; only the order's `createdAt` matters), whatever the
 * order of `codes[]` and however often a code appears in it.
 *
 * 1. Only the order's discount codes count (`order.checkoutCodes`, first listed first), matched
 *    case-insensitively, surrounding spaces ignored; codes of no creator are ignored.
 * 2. A creator code counts only if, when the order was placed, its campaign was active, the code not
 *    yet deactivated and its creator not removed from the campaign.
 * 3. Several counting creator codes: one conversion; `settings.tieBreak` picks the winner
 *    (`first_listed`, or `oldest_assigned` with ties going to the first listed).
 * 4. A code beats a referral-link click. A click counts only within `clickWindowDays` before the order
 *    (not after it) while its campaign is active. Code and click of one creator: one coupon conversion.
 * 5. Amount: subtotal after discounts (minus line tax when prices include tax); commission rounded
 *    half up, in integers. Self-referral → denied (or flagged); a new creator's first order → flagged.
 */
export function decideAttribution(input: AttributionInput): AttributionDecision {
  const { order, settings } = input;
  const at = order.createdAt;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new RangeError("order.createdAt must be a valid date.");
  for (const [name, value] of [
    ["subtotalCents", order.subtotalCents],
    ["lineItemsTaxCents", order.lineItemsTaxCents],
  ] as const) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`order.${name} must be an integer of minor units, got ${value}.`);
  }
  const settingsCopy: AttributionSettings = {
    tieBreak: settings.tieBreak,
    selfReferral: settings.selfReferral,
    clickWindowDays: settings.clickWindowDays,
    newCreatorFlagDays: settings.newCreatorFlagDays,
  };

  const listed = listCodes(order.checkoutCodes, input.codes, at);
  const creatorCodes = listed.filter((l): l is ListedCode & { fact: CodeFact } => l.fact !== null);
  const counting = creatorCodes.filter((l) => l.notCounted === null);
  const winningCode = pickByTieBreak(counting, settings.tieBreak);

  const click = input.click;
  const clickNotCounted = click ? clickDisqualification(click, at, settings.clickWindowDays) : null;
  const clickCounts = click !== null && clickNotCounted === null;

  const rawAmount = order.subtotalCents - (order.taxesIncluded ? order.lineItemsTaxCents : 0);
  const amountCents = Math.max(0, rawAmount);
  const amountBreakdown = (rateBps: number): AmountBreakdown => ({
    subtotalCents: order.subtotalCents,
    lineItemsTaxCents: order.lineItemsTaxCents,
    taxesIncluded: order.taxesIncluded,
    amountCents,
    rateBps,
    commissionCents: commissionFor(amountCents, rateBps),
    currency: order.currency,
  });

  // ── Code candidates, in the order's listing order ────────────────────────────────────────────────
  const tieBreakRule: AttributionRule = settings.tieBreak === "oldest_assigned" ? "tie_break_oldest_assigned" : "tie_break_first_listed";
  const codeCandidates: Candidate[] = listed.map((l) => {
    if (!l.fact) {
      return { kind: "code", value: l.code, outcome: "not_a_creator_code", detail: `${describeTyped(l.code, l.typed)} is not a creator's code: ignored.` };
    }
    const base = { kind: "code" as const, value: l.code, creatorId: l.fact.creatorId, creatorName: l.fact.creatorName };
    if (l.notCounted) return { ...base, outcome: l.notCounted.outcome, detail: `${l.notCounted.detail}.` };
    if (winningCode && l === winningCode) {
      return { ...base, outcome: "won", detail: wonCodeDetail({ ...l, fact: l.fact }, counting, settings.tieBreak) };
    }
    // a counting code that is not the winner lost the tie-break
    return { ...base, outcome: "lost_tie_break", detail: lostTieBreakDetail({ ...l, fact: l.fact }, winningCode!, settings.tieBreak) };
  });

  // ── Coupon conversion ────────────────────────────────────────────────────────────────────────────
  if (winningCode) {
    const fact = winningCode.fact;
    const sameCreatorClick = click !== null && clickCounts && click.creatorId === fact.creatorId;
    const clickCandidate: Candidate[] = [];
    if (click) {
      const base = { kind: "click" as const, value: click.clickId, creatorId: click.creatorId, creatorName: click.creatorName };
      if (clickNotCounted) clickCandidate.push({ ...base, outcome: clickNotCounted.outcome, detail: `${clickNotCounted.detail}.` });
      else if (sameCreatorClick)
        clickCandidate.push({
          ...base,
          outcome: "same_creator_as_code",
          detail: `${click.creatorName}'s referral link was clicked on ${formatDay(click.clickedAt)} too: the same creator as ${fact.code}, so one coupon conversion.`,
        });
      else
        clickCandidate.push({
          ...base,
          outcome: "lost_to_code",
          detail: `${click.creatorName}'s referral link was clicked on ${formatDay(click.clickedAt)}, but a code beats a link: ${fact.code} (${fact.creatorName}) is credited.`,
        });
    }
    const rule: AttributionRule =
      counting.length > 1
        ? tieBreakRule
        : clickCounts
          ? sameCreatorClick
            ? "code_and_link_same_creator"
            : "code_beats_link"
          : "single_code";

    const amount = amountBreakdown(fact.commissionRateBps);
    const winner: Winner = {
      creatorId: fact.creatorId,
      creatorName: fact.creatorName,
      creatorEmail: fact.creatorEmail,
      creatorCustomerIds: fact.creatorCustomerIds,
      enrollmentJoinedAt: fact.enrollmentJoinedAt,
      campaignId: fact.campaignId,
      enrollmentId: fact.enrollmentId,
      commissionRateBps: fact.commissionRateBps,
    };
    const checks = reviewChecks(input, winner);

    const via = sameCreatorClick ? `code ${fact.code} and their referral link` : `code ${fact.code}`;
    const extra: string[] = [];
    const losers = codeCandidates.filter((c) => c.outcome === "lost_tie_break");
    if (losers.length > 0) {
      const names = losers.map((c) => `${c.value} (${c.creatorName})`);
      const how = settings.tieBreak === "oldest_assigned" ? "the oldest assigned code wins" : "the first listed code wins";
      extra.push(`Not credited: ${listWords(names)}, which lost the tie-break (${how}).`);
    }
    if (click && clickCounts && !sameCreatorClick) extra.push(`${click.creatorName}'s referral link also led to this order, but a code beats a link.`);
    for (const c of codeCandidates) if (isNotCounted(c.outcome)) extra.push(c.detail);
    if (click && clickNotCounted) extra.push(`${clickNotCounted.detail}.`);
    extra.push(...checks.sentences);

    const explanation: Explanation = {
      summary: [creditSentence(fact.creatorName, via, amount), ...extra].join(" "),
      rule,
      candidates: [...codeCandidates, ...clickCandidate],
      settings: settingsCopy,
      amount,
      ...checks.explanation,
    };
    return {
      kind: "conversion",
      type: "coupon",
      creatorId: fact.creatorId,
      campaignId: fact.campaignId,
      enrollmentId: fact.enrollmentId,
      codeId: fact.codeId,
      code: fact.code,
      clickId: sameCreatorClick ? click.clickId : null,
      status: checks.status,
      currency: order.currency,
      amountCents: amount.amountCents,
      commissionCents: amount.commissionCents,
      commissionRateBps: fact.commissionRateBps,
      explanation,
    };
  }

  // ── Link conversion ──────────────────────────────────────────────────────────────────────────────
  if (click && clickCounts) {
    const amount = amountBreakdown(click.commissionRateBps);
    const winner: Winner = {
      creatorId: click.creatorId,
      creatorName: click.creatorName,
      creatorEmail: click.creatorEmail,
      creatorCustomerIds: click.creatorCustomerIds,
      enrollmentJoinedAt: click.enrollmentJoinedAt,
      campaignId: click.campaignId,
      enrollmentId: click.enrollmentId,
      commissionRateBps: click.commissionRateBps,
    };
    const checks = reviewChecks(input, winner);
    const extra = codeCandidates.filter((c) => isNotCounted(c.outcome)).map((c) => c.detail);
    const explanation: Explanation = {
      summary: [creditSentence(click.creatorName, "referral link", amount), ...extra, ...checks.sentences].join(" "),
      rule: "link_only",
      candidates: [
        ...codeCandidates,
        {
          kind: "click",
          value: click.clickId,
          creatorId: click.creatorId,
          creatorName: click.creatorName,
          outcome: "won",
          detail: `${click.creatorName}'s referral link was clicked on ${formatDay(click.clickedAt)}, within the ${settings.clickWindowDays}-day window, while the campaign ${click.campaignName} was active: credited.`,
        },
      ],
      settings: settingsCopy,
      amount,
      ...checks.explanation,
    };
    return {
      kind: "conversion",
      type: "link",
      creatorId: click.creatorId,
      campaignId: click.campaignId,
      enrollmentId: click.enrollmentId,
      codeId: null,
      code: null,
      clickId: click.clickId,
      status: checks.status,
      currency: order.currency,
      amountCents: amount.amountCents,
      commissionCents: amount.commissionCents,
      commissionRateBps: click.commissionRateBps,
      explanation,
    };
  }

  // ── Unattributed ─────────────────────────────────────────────────────────────────────────────────
  const clickCandidate: Candidate[] =
    click && clickNotCounted
      ? [
          {
            kind: "click",
            value: click.clickId,
            creatorId: click.creatorId,
            creatorName: click.creatorName,
            outcome: clickNotCounted.outcome,
            detail: `${clickNotCounted.detail}.`,
          },
        ]
      : [];
  let rule: AttributionRule;
  let summary: string;
  if (creatorCodes.length > 0) {
    rule = "codes_not_active";
    const reasons = codeCandidates.filter((c) => isNotCounted(c.outcome)).map((c) => c.detail);
    summary = `Not attributed: ${[...reasons, ...clickCandidate.map((c) => c.detail)].join(" ")}`;
  } else if (clickCandidate.length > 0) {
    rule = "click_not_counted";
    summary = `Not attributed: no creator code, and ${clickCandidate[0]!.detail}`;
  } else {
    rule = "no_creator_code";
    const storeCodes = listed.map((l) => l.code);
    summary =
      storeCodes.length === 0
        ? "Not attributed: no creator code and no referral-link click."
        : `Not attributed: ${listWords(storeCodes)} ${storeCodes.length > 1 ? "are not creators' codes" : "is not a creator's code"}, and there was no referral-link click.`;
  }
  return {
    kind: "unattributed",
    explanation: {
      summary,
      rule,
      candidates: [...codeCandidates, ...clickCandidate],
      settings: settingsCopy,
      amount: amountBreakdown(0),
    },
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
    const options = (byCode.get(code) ?? []).map((fact) => ({ fact, notCounted: codeDisqualification(fact, code, at) }));
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
function codeDisqualification(fact: CodeFact, code: string, at: Date): ListedCode["notCounted"] {
  const inactive = campaignInactiveWords(fact.campaign, at);
  if (inactive) return { outcome: "campaign_not_active", detail: `${code} was typed, but the campaign ${fact.campaignName} ${inactive}: not counted` };
  if (fact.deactivatedAt && fact.deactivatedAt <= at) {
    return { outcome: "code_deactivated", detail: `${code} was typed, but the code had been deactivated on ${formatDay(fact.deactivatedAt)}: not counted` };
  }
  if (fact.enrollmentRemovedAt && fact.enrollmentRemovedAt <= at) {
    return {
      outcome: "enrollment_removed",
      detail: `${code} was typed, but ${fact.creatorName} had been removed from the campaign ${fact.campaignName} on ${formatDay(fact.enrollmentRemovedAt)}: not counted`,
    };
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

function wonCodeDetail(l: ListedCode & { fact: CodeFact }, counting: ListedCode[], tieBreak: AttributionSettings["tieBreak"]): string {
  const base = `${describeTyped(l.code, l.typed)} is ${l.fact.creatorName}'s code in the campaign ${l.fact.campaignName}, active when the order was placed`;
  if (counting.length <= 1) return `${base}: credited.`;
  if (tieBreak === "oldest_assigned") {
    return `${base}; assigned on ${formatDay(l.fact.assignedAt)}, the earliest of ${counting.length} creator codes (tie-break: oldest assigned): credited.`;
  }
  return `${base}; listed first of ${counting.length} creator codes (tie-break: first listed): credited.`;
}

function lostTieBreakDetail(l: ListedCode & { fact: CodeFact }, winner: ListedCode & { fact: CodeFact }, tieBreak: AttributionSettings["tieBreak"]): string {
  const base = `${describeTyped(l.code, l.typed)} is ${l.fact.creatorName}'s code in the campaign ${l.fact.campaignName}`;
  if (tieBreak === "oldest_assigned") {
    const sameTime = l.fact.assignedAt.getTime() === winner.fact.assignedAt.getTime();
    return sameTime
      ? `${base}, assigned at the same time as ${winner.code}, which was listed first (tie-break: oldest assigned, then first listed): not credited.`
      : `${base}, assigned on ${formatDay(l.fact.assignedAt)}, but ${winner.code} was assigned earlier, on ${formatDay(winner.fact.assignedAt)} (tie-break: oldest assigned): not credited.`;
  }
  return `${base}, but ${winner.code} was listed before it (tie-break: first listed): not credited.`;
}

// ── Click ──────────────────────────────────────────────────────────────────────────────────────────

/** Why a click does not count for an order placed at `at`, or null when it does. */
function clickDisqualification(click: ClickFact, at: Date, windowDays: number): ListedCode["notCounted"] {
  const who = `${click.creatorName}'s referral link was clicked on ${formatDay(click.clickedAt)}`;
  const clickedAt = click.clickedAt.getTime();
  if (!(clickedAt <= at.getTime())) return { outcome: "outside_window", detail: `${who}, after the order was placed: not counted` };
  if (!(clickedAt >= at.getTime() - windowDays * DAY_MS)) {
    return { outcome: "outside_window", detail: `${who}, more than ${windowDays} days before the order (the click window): not counted` };
  }
  const inactive = campaignInactiveWords(click.campaign, at);
  if (inactive) return { outcome: "campaign_not_active", detail: `${who}, but the campaign ${click.campaignName} ${inactive} when the order was placed: not counted` };
  if (click.enrollmentRemovedAt && click.enrollmentRemovedAt <= at) {
    return {
      outcome: "enrollment_removed",
      detail: `${who}, but ${click.creatorName} had been removed from the campaign ${click.campaignName} on ${formatDay(click.enrollmentRemovedAt)}: not counted`,
    };
  }
  return null;
}

// ── Shared ─────────────────────────────────────────────────────────────────────────────────────────

/** Null when the campaign was active at `at` (`campaignActiveAt`); otherwise words: "had ended on 2026-09-01". */
function campaignInactiveWords(c: CampaignWindow, at: Date): string | null {
  if (campaignActiveAt(c, at)) return null;
  if (at < c.startsAt) return `had not started yet (it starts on ${formatDay(c.startsAt)})`;
  const ends = [c.endsAt, c.endedAt].filter((d): d is Date => d !== null && at >= d).map((d) => d.getTime());
  return ends.length > 0 ? `had ended on ${formatDay(new Date(Math.min(...ends)))}` : "was not active";
}

/** Self-referral and new-creator checks on the winner: the conversion's status and its words. */
function reviewChecks(input: AttributionInput, winner: Winner) {
  const { order, settings } = input;
  let status: ConversionStatus = "approved";
  const sentences: string[] = [];
  const explanation: Pick<Explanation, "selfReferral" | "newCreator"> = {};

  const byCustomerId = order.shopifyCustomerId !== null && (winner.creatorCustomerIds ?? []).includes(order.shopifyCustomerId);
  const byEmail = sameMailbox(order.email, winner.creatorEmail);
  if (byCustomerId || byEmail) {
    const matched = [byCustomerId ? `Shopify customer ${order.shopifyCustomerId} is ${winner.creatorName}'s own` : null, byEmail ? `the order's email is ${winner.creatorName}'s own` : null]
      .filter((s): s is string => s !== null)
      .join(", and ");
    const detail = `Self-referral: ${matched}.`;
    explanation.selfReferral = { matchedBy: byCustomerId ? "customer_id" : "email", detail };
    status = settings.selfReferral === "flag" ? "flagged" : "denied";
    sentences.push(status === "denied" ? `Denied: self-referral (${matched}).` : `Flagged for review: self-referral (${matched}).`);
  }

  const flagDays = settings.newCreatorFlagDays;
  const joinedAt = winner.enrollmentJoinedAt;
  if (flagDays !== null && joinedAt !== undefined) {
    const prior = input.creatorPriorOrders && Object.hasOwn(input.creatorPriorOrders, winner.creatorId) ? (input.creatorPriorOrders[winner.creatorId] ?? 0) : 0;
    if (prior === 0 && order.createdAt.getTime() - joinedAt.getTime() < flagDays * DAY_MS) {
      const detail = `${winner.creatorName}'s first order, placed less than ${flagDays} days after they joined (on ${formatDay(joinedAt)}).`;
      explanation.newCreator = { joinedAt: joinedAt.toISOString(), priorOrders: prior, flagDays, detail };
      if (status === "approved") {
        status = "flagged";
        sentences.push(`Flagged for review: ${detail}`);
      }
    }
  }
  return { status, sentences, explanation };
}

function creditSentence(creatorName: string, via: string, amount: AmountBreakdown): string {
  return `Credited to ${creatorName} (${via}): ${formatRate(amount.rateBps)} commission of ${formatMoney(amount.amountCents, amount.currency)} = ${formatMoney(amount.commissionCents, amount.currency)}.`;
}

function isNotCounted(outcome: CandidateOutcome): boolean {
  return outcome === "campaign_not_active" || outcome === "code_deactivated" || outcome === "enrollment_removed" || outcome === "outside_window";
}

/** Code-unit order, independent of locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
