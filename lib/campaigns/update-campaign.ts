import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { enqueue } from "@/lib/jobs/enqueue";
import { recordCampaignEnded } from "@/lib/events/record-campaign-ended";
import { sendEvent } from "@/lib/jobs/send-event";
import { campaignStatus } from "./campaign-status";
import { deactivateCodesJob } from "./deactivate-codes-job";
import { getCampaignOrThrow, type CampaignRow } from "./get-campaign";
import { CAMPAIGN_DELETED, scheduleCampaignEnd } from "./schedule-campaign-end";
import type { TUpdateCampaign } from "./schemas";
import { syncCodeEndsJob } from "./sync-code-ends-job";

/**
 * Renames a campaign, moves its end (Shopify's codes follow; the end is re-planned), or ends it now
 * (every code deactivated at once). An ended campaign cannot be reopened: its codes are gone.
 */
export async function updateCampaign(db: Db, input: { workspaceId: string; campaignId: string; actor: Actor; patch: TUpdateCampaign }): Promise<CampaignRow> {
  const current = await getCampaignOrThrow(db, input);
  const status = campaignStatus(current);
  const { patch } = input;
  if ((patch.ends_at !== undefined || patch.status === "ended") && status === "ended") {
    throw new AppError("conflict", "This campaign has already ended; its codes are deactivated.");
  }
  if (patch.ends_at && patch.ends_at <= current.startsAt) {
    throw new AppError("validation_failed", "The end must be after the start.", { fields: { ends_at: ["The end must be after the start."] } });
  }
  const endingNow = patch.status === "ended";
  const movingEnd = !endingNow && patch.ends_at !== undefined && (patch.ends_at?.getTime() ?? null) !== (current.endsAt?.getTime() ?? null);
  const renaming = Boolean(patch.name) && patch.name !== current.name;
  const switchingCodes = patch.apply_code_from_links !== undefined && patch.apply_code_from_links !== current.applyCodeFromLinks;
  if (!endingNow && !movingEnd && !renaming && !switchingCodes) return current; // nothing changes
  const updated = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [changed] = await tx
      .update(campaigns)
      .set({
        ...(patch.name ? { name: patch.name } : {}),
        ...(switchingCodes ? { applyCodeFromLinks: patch.apply_code_from_links } : {}),
        ...(movingEnd ? { endsAt: patch.ends_at ?? null } : {}),
        ...(endingNow ? { endedAt: new Date() } : {}),
        ...(movingEnd || endingNow ? { endVersion: sql`${campaigns.endVersion} + 1` } : {}),
      })
      .where(and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.id, input.campaignId), isNull(campaigns.deletedAt)))
      .returning();
    if (changed && endingNow) await recordCampaignEnded(tx, changed);
    return changed;
  });
  if (!updated) throw new AppError("not_found", "Campaign not found.");
  const row = updated;
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: endingNow ? "campaign.ended" : movingEnd ? "campaign.end_moved" : "campaign.updated",
    targetType: "campaign",
    targetId: row.id,
    data: { name: patch.name, apply_code_from_links: switchingCodes ? patch.apply_code_from_links : undefined, from: current.endsAt?.toISOString() ?? null, to: movingEnd ? (row.endsAt?.toISOString() ?? null) : undefined },
  });
  if (endingNow || (row.endsAt && row.endsAt <= new Date())) {
    await enqueue(deactivateCodesJob, { workspaceId: row.workspaceId, campaignId: row.id });
  } else if (movingEnd) {
    await enqueue(syncCodeEndsJob, { workspaceId: row.workspaceId, campaignId: row.id });
    await scheduleCampaignEnd(row);
  }
  return row;
}

/** Deletes a campaign (kept for the ledger, hidden everywhere): its codes are deactivated and its end plan cancelled. */
export async function deleteCampaign(db: Db, input: { workspaceId: string; campaignId: string; actor: Actor }) {
  const current = await getCampaignOrThrow(db, input);
  await db.update(campaigns).set({ deletedAt: new Date(), endVersion: sql`${campaigns.endVersion} + 1` }).where(eq(campaigns.id, current.id));
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "campaign.deleted", targetType: "campaign", targetId: current.id });
  await sendEvent(CAMPAIGN_DELETED, { workspaceId: input.workspaceId, campaignId: current.id });
  await enqueue(deactivateCodesJob, { workspaceId: input.workspaceId, campaignId: current.id });
}
