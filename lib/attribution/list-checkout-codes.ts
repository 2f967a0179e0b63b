import { campaignInactive } from "./campaign-inactive";
import { normalizeCheckoutCode } from "./normalize";
import type { AttributionSettings, CandidateOutcome, CandidateReason, CodeFact } from "./types";

/**
 * The order's codes as the attribution decision sees them: each distinct code once, the creator code
 * it is (if any), whether it counts at the order's time, and the tie-break among those that count.
 */

/** Why a candidate (code or click) does not count; null when it counts. */
export type NotCounted = { outcome: CandidateOutcome; reason: CandidateReason } | null;

/** A code the order listed, once (first listing wins), with what Tally knows of it. */
export type ListedCode = {
  /** Position among the order's distinct codes (first listed = 0). */
  index: number;
  code: string;
  typed: string;
  /** The creator code it is, or null when it is nobody's (a store code). */
  fact: CodeFact | null;
  /** Why it does not count at the order's time; null when it counts (or is not a creator code). */
  notCounted: NotCounted;
};

/**
 * The order's distinct codes in listing order, each with the creator code it is (if any). When several
 * of the workspace's codes share one normalized code (codes of two shops), the one that counts at the
 * order's time wins, then the latest assigned, then the smallest id — never the input's order.
 */
export function listCheckoutCodes(checkoutCodes: string[], facts: CodeFact[], at: Date): ListedCode[] {
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
function codeDisqualification(fact: CodeFact, at: Date): NotCounted {
  const inactive = campaignInactive(fact.campaign, at);
  if (inactive) return { outcome: "campaign_not_active", reason: inactive };
  if (fact.deactivatedAt && fact.deactivatedAt <= at) return { outcome: "code_deactivated", reason: { type: "code_deactivated", at: fact.deactivatedAt.toISOString() } };
  if (fact.enrollmentRemovedAt && fact.enrollmentRemovedAt <= at) {
    return { outcome: "enrollment_removed", reason: { type: "enrollment_removed", at: fact.enrollmentRemovedAt.toISOString() } };
  }
  return null;
}

/** The winner among the counting creator codes (already in listing order). */
export function pickByTieBreak<T extends ListedCode & { fact: CodeFact }>(counting: T[], tieBreak: AttributionSettings["tieBreak"]): T | null {
  let best: T | null = null;
  for (const candidate of counting) {
    if (!best) best = candidate;
    else if (tieBreak === "oldest_assigned" && candidate.fact.assignedAt.getTime() < best.fact.assignedAt.getTime()) best = candidate;
  }
  return best;
}

/** Code-unit order, independent of locale. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
