import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, discountCodes, enrollments, workspaces } from "@/db/schema";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { campaignTermsColumns } from "@/lib/campaigns/campaign-terms-columns";
import { codeStatusAsSeen, latestCodePerEnrollment } from "@/lib/campaigns/latest-code";
import { referralUrl } from "@/lib/campaigns/list-roster";

/**
 * The creator portal's home: every campaign this creator is in, with their code, link, dates and the
 * audience's discount. Scoped by the creator identity; nothing about other creators or the brand's
 * settings is read.
 */
export async function listCreatorCampaigns(db: Db, creatorId: string) {
  const latestCode = latestCodePerEnrollment(db, eq(discountCodes.creatorId, creatorId));
  const rows = await db
    .select({
      enrollmentId: enrollments.id,
      brand: workspaces.name,
      campaignId: campaigns.id,
      workspaceId: enrollments.workspaceId,
      timezone: campaigns.timezone,
      campaignName: campaigns.name,
      ...campaignTermsColumns,
      referralSlug: enrollments.referralSlug,
      code: latestCode.code,
      codeStatus: latestCode.status,
      codeDeactivatedAt: latestCode.deactivatedAt,
    })
    .from(enrollments)
    .innerJoin(campaigns, eq(campaigns.id, enrollments.campaignId))
    .innerJoin(workspaces, eq(workspaces.id, enrollments.workspaceId))
    .leftJoin(latestCode, eq(latestCode.enrollmentId, enrollments.id))
    .where(and(eq(enrollments.creatorId, creatorId), eq(enrollments.status, "active"), isNull(campaigns.deletedAt)))
    .orderBy(desc(campaigns.startsAt));
  return rows.map(({ codeDeactivatedAt, referralSlug, ...r }) => ({
    ...r,
    status: campaignStatus(r),
    referralUrl: referralUrl(referralSlug),
    codeStatus: codeStatusAsSeen({ status: r.codeStatus, deactivatedAt: codeDeactivatedAt }),
  }));
}
