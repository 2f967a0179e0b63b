import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, discountCodes, enrollments } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { codeStatusAsSeen, latestCodePerEnrollment, type CodeStatus } from "./latest-code";
import { pushCampaignCodesJob } from "./push-campaign-codes-job";

export type RosterEntry = {
  enrollmentId: string;
  creatorId: string;
  email: string;
  fullName: string;
  handle: string | null;
  enrollmentStatus: "active" | "removed";
  joinedAt: Date;
  removedAt: Date | null;
  referralSlug: string;
  referralUrl: string;
  codeId: string | null;
  code: string | null;
  /** As the brand sees it: a code Tally stopped honouring is `deactivated` even while Shopify catches up. */
  codeStatus: CodeStatus | null;
  failureReason: string | null;
  /** The creator's own rate on this campaign (basis points); null = the campaign rate. */
  commissionRateBps: number | null;
};

export const referralUrl = (slug: string) => `${appUrl()}/r/${slug}`;

/**
 * A campaign's roster with each creator's current code (the newest one). Scoped by workspace;
 * keyset-paginated on the enrollment id for the API.
 */
export async function listRoster(
  db: Db,
  input: { workspaceId: string; campaignId: string; includeRemoved?: boolean; after?: string | undefined; limit?: number },
): Promise<RosterEntry[]> {
  const latestCode = latestCodePerEnrollment(db, and(eq(discountCodes.workspaceId, input.workspaceId), eq(discountCodes.campaignId, input.campaignId)));
  const rows = await db
    .select({
      enrollmentId: enrollments.id,
      creatorId: creators.id,
      email: creators.email,
      fullName: creators.fullName,
      handle: creators.handle,
      enrollmentStatus: enrollments.status,
      joinedAt: enrollments.joinedAt,
      removedAt: enrollments.removedAt,
      referralSlug: enrollments.referralSlug,
      commissionRateBps: enrollments.commissionRateBps,
      codeId: latestCode.id,
      code: latestCode.code,
      codeStatus: latestCode.status,
      deactivatedAt: latestCode.deactivatedAt,
      failureReason: latestCode.failureReason,
    })
    .from(enrollments)
    .innerJoin(creators, eq(creators.id, enrollments.creatorId))
    .leftJoin(latestCode, eq(latestCode.enrollmentId, enrollments.id))
    .where(
      and(
        eq(enrollments.workspaceId, input.workspaceId),
        eq(enrollments.campaignId, input.campaignId),
        input.includeRemoved ? undefined : eq(enrollments.status, "active"),
        input.after ? gt(enrollments.id, input.after) : undefined,
      ),
    )
    .orderBy(asc(enrollments.id))
    .limit(input.limit ?? 1000);
  return rows.map(({ deactivatedAt, ...r }) => ({
    ...r,
    referralUrl: referralUrl(r.referralSlug),
    codeStatus: codeStatusAsSeen({ status: r.codeStatus, deactivatedAt }),
  }));
}

/** Push progress: how many of the campaign's current codes are in each state. */
export async function codeProgress(db: Db, input: { workspaceId: string; campaignId: string }) {
  const rows = await db
    .select({
      status: sql<CodeStatus>`CASE WHEN ${discountCodes.deactivatedAt} IS NOT NULL THEN 'deactivated' ELSE ${discountCodes.status}::text END`,
      n: count(),
    })
    .from(discountCodes)
    .innerJoin(enrollments, eq(enrollments.id, discountCodes.enrollmentId))
    .where(and(eq(discountCodes.workspaceId, input.workspaceId), eq(discountCodes.campaignId, input.campaignId), eq(enrollments.status, "active")))
    .groupBy(sql`1`);
  const counts: Record<CodeStatus, number> = { pending: 0, active: 0, failed: 0, deactivated: 0 };
  for (const r of rows) counts[r.status] += r.n;
  const total = counts.pending + counts.active + counts.failed + counts.deactivated;
  return { ...counts, total, done: total - counts.pending };
}

/** Retry failed codes: back to pending (the push job picks them up). */
export async function retryFailedCodes(db: Db, input: { workspaceId: string; campaignId: string }) {
  const rows = await db
    .update(discountCodes)
    .set({ status: "pending", failureReason: null })
    .where(and(eq(discountCodes.workspaceId, input.workspaceId), eq(discountCodes.campaignId, input.campaignId), eq(discountCodes.status, "failed")))
    .returning({ id: discountCodes.id });
  if (rows.length > 0) await enqueue(pushCampaignCodesJob, { workspaceId: input.workspaceId, campaignId: input.campaignId });
  return rows.length;
}
