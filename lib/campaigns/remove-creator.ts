import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { discountCodes, enrollments } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { enqueue } from "@/lib/jobs/enqueue";
import { deactivateCodesJob } from "./deactivate-codes-job";

/**
 * Removes a creator from a campaign. Their code stops counting in Tally at once (`deactivated_at`)
 * and is deactivated in Shopify in the background; it stays reserved to them for ever.
 */
export async function removeCreatorFromCampaign(db: Db, input: { workspaceId: string; campaignId: string; creatorId: string; actor: Actor }) {
  const now = new Date();
  const removed = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [enrollment] = await tx
      .update(enrollments)
      .set({ status: "removed", removedAt: now })
      .where(
        and(
          eq(enrollments.workspaceId, input.workspaceId),
          eq(enrollments.campaignId, input.campaignId),
          eq(enrollments.creatorId, input.creatorId),
          eq(enrollments.status, "active"),
        ),
      )
      .returning();
    if (!enrollment) return null;
    const codes = await tx
      .update(discountCodes)
      .set({ deactivatedAt: now })
      .where(and(eq(discountCodes.enrollmentId, enrollment.id), isNull(discountCodes.deactivatedAt)))
      .returning({ id: discountCodes.id, code: discountCodes.code });
    return { enrollment, codes };
  });
  if (!removed) throw new AppError("not_found", "This creator is not in the campaign.");
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "campaign.creator_removed",
    targetType: "campaign",
    targetId: input.campaignId,
    data: { creatorId: input.creatorId, codes: removed.codes.map((c) => c.code) },
  });
  await enqueue(deactivateCodesJob, { workspaceId: input.workspaceId, campaignId: input.campaignId });
  return removed;
}
