import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clicks } from "@/db/schema";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { CLICK_RATE_LIMIT, REPEAT_CLICK_MINUTES } from "./constants";
import { newVisitorId } from "./request-signals";
import type { ReferralLink } from "./resolve-referral-link";

export type RecordClickInput = {
  link: ReferralLink;
  /** The visitor's `tally_vid` cookie when it held a valid id; null for a new visitor. */
  visitorId: string | null;
  ipHash: string | null;
  userAgentHash: string | null;
  referrer: string | null;
  /** The store path the visitor is sent to (no query). */
  landingPath?: string | null;
  now?: Date;
  rateLimit?: { limit: number; windowSeconds: number };
};

/** `visitorId`: the id to (re)set in the visitor's cookie. */
export type RecordClickResult =
  | { kind: "recorded"; clickId: string; visitorId: string }
  | { kind: "repeat"; clickId: string; visitorId: string }
  | { kind: "rate_limited"; visitorId: string };

export const clickRateLimitKey = (enrollmentId: string, ipHash: string | null) => `click:${enrollmentId}:${ipHash ?? "no-ip"}`;

/**
 * Records a person's visit through a referral link, or finds the click it repeats.
 *
 * - Repeat: the same visitor (their cookie's id; without a cookie, the same IP and user agent hashes)
 *   clicked this link less than 30 minutes ago → that click, nothing written.
 * - Otherwise the per-IP-per-link rate limit (Postgres, shared by every instance) is consumed; above
 *   it nothing is written.
 * - Otherwise a new click.
 *
 * One transaction under an advisory lock on (link, visitor), so that a double tap or a browser's
 * retry racing itself still makes one click.
 */
export async function recordClick(db: Db, input: RecordClickInput): Promise<RecordClickResult> {
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - REPEAT_CLICK_MINUTES * 60_000);
  const { link } = input;
  const fingerprint = input.ipHash && input.userAgentHash ? `${input.ipHash}:${input.userAgentHash}` : null;
  const lockKey = `click:${link.enrollmentId}:${input.visitorId ? `v:${input.visitorId}` : `f:${fingerprint ?? "anonymous"}`}`;

  return db.transaction(async (txRaw): Promise<RecordClickResult> => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`);

    const sameVisitor = input.visitorId
      ? eq(clicks.visitorId, input.visitorId)
      : fingerprint
        ? and(eq(clicks.ipHash, input.ipHash!), eq(clicks.userAgentHash, input.userAgentHash!))
        : null;
    if (sameVisitor) {
      const [previous] = await tx
        .select({ id: clicks.id, visitorId: clicks.visitorId })
        .from(clicks)
        .where(and(eq(clicks.enrollmentId, link.enrollmentId), gt(clicks.clickedAt, since), sameVisitor))
        .orderBy(desc(clicks.clickedAt))
        .limit(1);
      if (previous) return { kind: "repeat", clickId: previous.id, visitorId: previous.visitorId };
    }

    const visitorId = input.visitorId ?? newVisitorId();
    const limit = await consumeRateLimit(tx, clickRateLimitKey(link.enrollmentId, input.ipHash), input.rateLimit ?? CLICK_RATE_LIMIT);
    if (!limit.allowed) return { kind: "rate_limited", visitorId };

    const [row] = await tx
      .insert(clicks)
      .values({
        workspaceId: link.workspaceId,
        campaignId: link.campaignId,
        enrollmentId: link.enrollmentId,
        creatorId: link.creatorId,
        visitorId,
        ipHash: input.ipHash,
        userAgentHash: input.userAgentHash,
        referrer: input.referrer,
        landingPath: input.landingPath ?? null,
        clickedAt: now,
      })
      .returning({ id: clicks.id });
    return { kind: "recorded", clickId: row!.id, visitorId };
  });
}
