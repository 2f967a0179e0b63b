import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { skippedLinkVisits } from "@/db/schema";
import type { ReferralLink } from "./resolve-referral-link";

/** Why a visit through a link is not a click: counted apart, never in click analytics or attribution. */
export type SkippedVisitReason = "bot" | "prefetch" | "head" | "no_user_agent" | "rate_limited";

/**
 * Counts one visit that is not a click (a known bot, a link-preview fetcher, a prefetch, a HEAD, no
 * user agent, or over the per-address limit) on the link's (UTC day, reason) counter: an upsert of
 * one row, so that a flood of bots adds to a counter instead of writing rows.
 */
export async function countSkippedVisit(db: Db, input: { link: ReferralLink; reason: SkippedVisitReason; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const day = now.toISOString().slice(0, 10);
  await db
    .insert(skippedLinkVisits)
    .values({
      workspaceId: input.link.workspaceId,
      campaignId: input.link.campaignId,
      enrollmentId: input.link.enrollmentId,
      creatorId: input.link.creatorId,
      day,
      reason: input.reason,
      visits: 1,
      lastAt: now,
    })
    .onConflictDoUpdate({
      target: [skippedLinkVisits.enrollmentId, skippedLinkVisits.day, skippedLinkVisits.reason],
      set: { visits: sql`${skippedLinkVisits.visits} + 1`, lastAt: sql`greatest(${skippedLinkVisits.lastAt}, excluded.last_at)` },
    });
}
