import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { enrollments } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

/**
 * A creator's own commission rate on one campaign (the roster override: lines no rule matches earn
 * it instead of the campaign rate); null takes the override away. Orders credited from now on
 * follow it; orders already credited keep the terms they were credited under. Audited.
 */
export async function setCreatorCommissionRate(db: Db, input: { workspaceId: string; campaignId: string; creatorId: string; rateBps: number | null; actor: Actor }) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [before] = await tx
      .select({ id: enrollments.id, rateBps: enrollments.commissionRateBps })
      .from(enrollments)
      .where(and(eq(enrollments.workspaceId, input.workspaceId), eq(enrollments.campaignId, input.campaignId), eq(enrollments.creatorId, input.creatorId), eq(enrollments.status, "active")))
      .for("update");
    if (!before) throw new AppError("not_found", "This creator is not in the campaign.");
    await tx.update(enrollments).set({ commissionRateBps: input.rateBps, updatedAt: new Date() }).where(eq(enrollments.id, before.id));
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "campaign.creator_rate_set",
      targetType: "campaign",
      targetId: input.campaignId,
      data: { creatorId: input.creatorId, before: before.rateBps, after: input.rateBps },
    });
    return { enrollmentId: before.id };
  });
}
