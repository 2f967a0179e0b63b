import type { ConversionStatus } from "@/lib/ledger/conversion-states";
import { describeTyped, formatDay, formatMoney, formatRate, listWords } from "./format";
import type { AmountBreakdown, Candidate, CandidateReason, Explanation, IgnoredClick } from "./types";

/**
 * The one formatter of attribution decisions: a stored structured decision (lib/attribution/types.ts
 * `Explanation`) → sentences a brand reads, for the order page, the API and emails alike. The story
 * is told for the conversion as it is now (`status`): awaiting payment, credited, denied, voided,
 * fully refunded; and starts with what matters (a denied conversion says "Denied" first).
 *
 * Explanations stored before decisions were structured (no `version`) already carry their words,
 * which are returned as they are.
 */

export type ExplainedCandidate = Candidate & { detail: string };
export type ExplainedDecision = {
  summary: string;
  candidates: ExplainedCandidate[];
  selfReferral: string | null;
  newCreator: string | null;
};

export type ExplainContext = {
  /** The conversion's status now; omitted for an order that has no conversion, or to tell the decision as made. */
  status?: ConversionStatus | null;
  /** The conversion is a test order credited before test orders were left out (and then corrected). */
  testOrder?: boolean;
};

const day = (isoDate: string) => formatDay(new Date(isoDate));

export function explainDecision(e: Explanation, ctx: ExplainContext = {}): ExplainedDecision {
  if (e.version !== 2) {
    // Words stored before decisions were structured: kept as they are, with what has happened since
    // under the eligibility rules (a test order, an unpaid or never-paid order) said first.
    const stored = typeof e.summary === "string" ? e.summary : "";
    const since = ctx.testOrder
      ? "Test order: test orders earn no commission, so its earlier credit was taken back out of the figures."
      : ctx.status === "pending"
        ? "Awaiting payment: Shopify says the order is not paid yet, so nothing is earned until it is; its earlier credit was taken back out of the figures."
        : ctx.status === "voided"
          ? "Voided: the order was never paid, so nothing was earned."
          : null;
    return {
      summary: since ? `${since} As first credited: ${stored}` : stored,
      candidates: (e.candidates ?? []).map((c) => ({ ...c, detail: c.detail ?? "" })),
      selfReferral: e.selfReferral?.detail ?? null,
      newCreator: e.newCreator?.detail ?? null,
    };
  }
  // A test order or one of gift cards only credits nobody: its winning candidate "would be" credited.
  const notEarning = e.rule === "test_order" ? "this is a test order" : e.rule === "gift_cards_only" ? "the order holds only gift cards" : null;
  const candidates = e.candidates.map((c) => {
    const detail = candidateDetail(c);
    return { ...c, detail: notEarning && c.outcome === "won" ? detail.replace(/: credited\.$/, `: it would be credited, but ${notEarning}.`) : detail };
  });
  const selfReferral = e.selfReferral ? `Self-referral: ${selfReferralMatch(e)}.` : null;
  const newCreator = e.newCreator
    ? `${e.newCreator.creatorName ?? "The creator"}'s first order, placed less than ${e.newCreator.flagDays} days after they joined (on ${day(e.newCreator.joinedAt)}).`
    : null;
  const ignored = (e.ignoredClicks ?? []).map(ignoredClickWords);
  return { summary: [summaryOf(e, candidates, ctx, newCreator), ...ignored].join(" "), candidates, selfReferral, newCreator };
}

// ── Candidates ─────────────────────────────────────────────────────────────────────────────────────

function candidateDetail(c: Candidate): string {
  const r = c.reason;
  if (!r) return c.detail ?? "";
  const code = c.value;
  const typed = describeTyped(code, c.typed ?? code);
  const creator = c.creatorName ?? "the creator";
  const campaign = c.campaignName ?? "";
  if (c.kind === "code") {
    switch (r.type) {
      case "not_a_creator_code":
        return `${typed} is not a creator's code: ignored.`;
      case "code_deactivated":
        return `${code} was typed, but the code had been deactivated on ${day(r.at)}: not counted.`;
      case "enrollment_removed":
        return `${code} was typed, but ${creator} had been removed from the campaign ${campaign} on ${day(r.at)}: not counted.`;
      case "code_won": {
        const base = `${typed} is ${creator}'s code in the campaign ${campaign}, active when the order was placed`;
        if (r.counting <= 1) return `${base}: credited.`;
        return r.tieBreak === "oldest_assigned"
          ? `${base}; assigned on ${day(r.assignedAt)}, the earliest of ${r.counting} creator codes (tie-break: oldest assigned): credited.`
          : `${base}; listed first of ${r.counting} creator codes (tie-break: first listed): credited.`;
      }
      case "code_lost_tie_break": {
        const base = `${typed} is ${creator}'s code in the campaign ${campaign}`;
        if (r.tieBreak !== "oldest_assigned") return `${base}, but ${r.winner} was listed before it (tie-break: first listed): not credited.`;
        return r.assignedAt === r.winnerAssignedAt
          ? `${base}, assigned at the same time as ${r.winner}, which was listed first (tie-break: oldest assigned, then first listed): not credited.`
          : `${base}, assigned on ${day(r.assignedAt)}, but ${r.winner} was assigned earlier, on ${day(r.winnerAssignedAt)} (tie-break: oldest assigned): not credited.`;
      }
      default: {
        const inactive = campaignInactiveWords(r);
        return inactive ? `${code} was typed, but the campaign ${campaign} ${inactive}: not counted.` : c.detail ?? "";
      }
    }
  }
  const how =
    c.source === "cart_attribute"
      ? " (by click id, kept by the store's Tally embed and carried by the cart)"
      : c.source === "landing_site" && c.matchedBy === "click_id"
        ? " (by click id, in the page the visit began on)"
        : c.source === "landing_site" && c.matchedBy === "latest_click"
          ? " (the link's latest click before the order)"
          : "";
  const who = `${creator}'s referral link was clicked on ${c.clickedAt ? day(c.clickedAt) : "an unknown date"}${how}`;
  switch (r.type) {
    case "click_after_order":
      return `${who}, after the order was placed: not counted.`;
    case "click_too_old":
      return `${who}, more than ${r.windowDays} days before the order (the click window): not counted.`;
    case "enrollment_removed":
      return `${who}, but ${creator} had been removed from the campaign ${campaign} on ${day(r.at)}: not counted.`;
    case "click_won":
      return `${who}, within the ${r.windowDays}-day window, while the campaign ${campaign} was active: credited.`;
    case "click_same_creator":
      return `${creator}'s referral link was clicked on ${c.clickedAt ? day(c.clickedAt) : "an unknown date"} too: the same creator as ${r.code}, so one coupon conversion.`;
    case "click_lost_to_code":
      return `${who}, but a code beats a link: ${r.code} (${r.codeCreatorName}) is credited.`;
    default: {
      const inactive = campaignInactiveWords(r);
      return inactive ? `${who}, but the campaign ${campaign} ${inactive} when the order was placed: not counted.` : c.detail ?? "";
    }
  }
}

function campaignInactiveWords(r: CandidateReason): string | null {
  if (r.type === "campaign_not_started") return `had not started yet (it starts on ${day(r.startsAt)})`;
  if (r.type === "campaign_ended") return `had ended on ${day(r.endedAt)}`;
  if (r.type === "campaign_inactive") return "was not active";
  return null;
}

const NOT_COUNTED = new Set(["campaign_not_active", "code_deactivated", "enrollment_removed", "outside_window"]);

// ── Summary ────────────────────────────────────────────────────────────────────────────────────────

function selfReferralMatch(e: Explanation): string {
  const s = e.selfReferral!;
  const name = s.creatorName ?? e.credited?.creatorName ?? "the creator";
  const byCustomerId = s.byCustomerId ?? s.matchedBy === "customer_id";
  const byEmail = s.byEmail ?? s.matchedBy === "email";
  return [byCustomerId ? `Shopify customer ${s.customerId ?? "(unknown)"} is ${name}'s own` : null, byEmail ? `the order's email is ${name}'s own` : null]
    .filter((x): x is string => x !== null)
    .join(", and ");
}

function via(e: Explanation): string {
  const c = e.credited!;
  return c.via === "link" ? "referral link" : c.via === "code_and_link" ? `code ${c.code} and their referral link` : `code ${c.code}`;
}

function rateWords(a: AmountBreakdown): string {
  return `${formatRate(a.rateBps)} commission of ${formatMoney(a.amountCents, a.currency)} = ${formatMoney(a.commissionCents, a.currency)}`;
}

function ignoredClickWords(c: IgnoredClick): string {
  const where = c.source === "cart_attribute" ? "The cart carried a click id" : "The page the visit began on carried a click id";
  switch (c.reason) {
    case "tampered":
      return `${where} that Tally did not issue (its signature does not match: edited or invented): ignored.`;
    case "unknown":
      return `${where} for a click Tally does not know: ignored.`;
    case "other_workspace":
      return `${where} for another brand's referral link: ignored.`;
  }
}

function lineList(e: Explanation): string {
  const lines = e.amount.excludedLines ?? [];
  return listWords(lines.map((l) => `${l.title}${l.quantity > 1 ? ` × ${l.quantity}` : ""} (${formatMoney(l.amountCents, e.amount.currency)})`));
}

function paymentWords(e: Explanation): string {
  const p = e.payment;
  if (!p) return "Shopify says the order is not paid yet";
  if (!p.known) return `Shopify's payment status is ${p.financialStatus ? `"${p.financialStatus}"` : "missing"}, which Tally does not know, so the order counts as unpaid`;
  return `Shopify says the order is ${p.financialStatus === "partially_paid" ? "partially paid" : p.financialStatus}`;
}

/** What the review rules say, as flags: "Flagged for review: …" sentences (or one "Denied: …"). */
function reviewSentences(e: Explanation, newCreator: string | null): { denied: string | null; flags: string[] } {
  const flags: string[] = [];
  let denied: string | null = null;
  if (e.selfReferral) {
    if (e.settings.selfReferral === "flag") flags.push(`Flagged for review: self-referral (${selfReferralMatch(e)}).`);
    else denied = `Denied: self-referral (${selfReferralMatch(e)}).`;
  }
  if (newCreator && e.review === "flagged" && !(e.selfReferral && e.settings.selfReferral === "flag")) flags.push(`Flagged for review: ${newCreator}`);
  const d = e.amount.discrepancy;
  if (d) {
    flags.push(
      `Flagged for review: the order's lines add up to ${formatMoney(d.linesCents, e.amount.currency)}, but Shopify states a subtotal of ${formatMoney(d.subtotalCents, e.amount.currency)}; the commission is on Shopify's subtotal.`,
    );
  }
  return { denied, flags };
}

function summaryOf(e: Explanation, candidates: ExplainedCandidate[], ctx: ExplainContext, newCreator: string | null): string {
  const money = (cents: number) => formatMoney(cents, e.amount.currency);
  const notCounted = candidates.filter((c) => NOT_COUNTED.has(c.outcome)).map((c) => c.detail);

  if (!e.credited || e.rule === "test_order" || e.rule === "gift_cards_only" || e.review === undefined) {
    // ── No conversion ──
    if (e.rule === "test_order") {
      return `Not attributed: this is a Shopify test order, and test orders earn no commission. Had it been a real order, ${e.credited?.creatorName ?? "a creator"} (${e.credited ? via(e) : "code"}) would have been credited.`;
    }
    if (e.rule === "gift_cards_only") return `Not attributed: the order holds only gift cards (${lineList(e)}), and gift cards earn no commission.`;
    if (e.rule === "codes_not_active") return `Not attributed: ${notCounted.join(" ")}`;
    if (e.rule === "click_not_counted") return `Not attributed: no creator code, and ${notCounted[0] ?? ""}`;
    const storeCodes = candidates.map((c) => c.value);
    return storeCodes.length === 0
      ? "Not attributed: no creator code and no referral-link click."
      : `Not attributed: ${listWords(storeCodes)} ${storeCodes.length > 1 ? "are not creators' codes" : "is not a creator's code"}, and there was no referral-link click.`;
  }

  // ── A conversion ──
  const who = `${e.credited.creatorName} (${via(e)})`;
  const extra: string[] = [];
  const losers = candidates.filter((c) => c.outcome === "lost_tie_break");
  if (losers.length > 0) {
    const how = e.settings.tieBreak === "oldest_assigned" ? "the oldest assigned code wins" : "the first listed code wins";
    extra.push(`Not credited: ${listWords(losers.map((c) => `${c.value} (${c.creatorName})`))}, which lost the tie-break (${how}).`);
  }
  const lostClick = candidates.find((c) => c.outcome === "lost_to_code");
  if (lostClick) extra.push(`${lostClick.creatorName}'s referral link also led to this order, but a code beats a link.`);
  extra.push(...notCounted);
  if ((e.amount.excludedLines ?? []).length > 0) {
    extra.push(`Gift cards earn no commission: ${lineList(e)} left out of the ${money(e.amount.subtotalCents)} subtotal.`);
  }
  const review = reviewSentences(e, newCreator);
  const status = ctx.status ?? (e.payment?.state === "unpaid" ? "pending" : e.payment?.state === "voided" ? "voided" : e.review);
  const join = (...parts: (string | null | undefined)[]) => parts.filter((p): p is string => Boolean(p)).join(" ");

  if (ctx.testOrder) {
    return join(`Test order: it earns no commission. It was credited to ${who} before Tally left test orders out; reconciliation took the sale back out of the ledger.`);
  }
  switch (status) {
    case "pending": {
      const then =
        e.review === "denied"
          ? ` Once paid it will be denied: ${review.denied?.replace(/^Denied: /, "") ?? "the brand's rules"}`
          : e.review === "flagged"
            ? ` Once paid it will be flagged for review.`
            : "";
      return join(`Awaiting payment: ${paymentWords(e)}. Once it is paid, ${who} earns ${rateWords(e.amount)}; until then nothing is earned.${then}`, ...extra, ...(e.review === "flagged" ? review.flags : []));
    }
    case "voided":
      return join(`Voided: the order was never paid (its payment was voided, or it was cancelled before payment), so nothing was earned. ${who} would have earned ${rateWords(e.amount)}.`, ...extra);
    case "denied": {
      const lead = review.denied ?? (e.review === "denied" ? "Denied." : "Denied by the brand.");
      return join(`${lead} ${who} would have earned ${rateWords(e.amount)}; the sale counts, the commission does not.`, ...extra);
    }
    case "reversed":
      return join(`Credited to ${who}: ${rateWords(e.amount)}.`, ...extra, ...review.flags, "Fully refunded or cancelled since: the commission was taken back.");
    case "approved":
      return join(
        `Credited to ${who}: ${rateWords(e.amount)}.`,
        ...extra,
        e.review === "approved" ? null : `Approved by the brand after review${review.denied ? ` (${review.denied.replace(/^Denied: /, "").replace(/\.$/, "")})` : ""}.`,
      );
    default:
      return join(`Credited to ${who}: ${rateWords(e.amount)}.`, ...extra, ...review.flags);
  }
}
