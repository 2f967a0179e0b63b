import type { Db } from "@/db/client";
import type { campaigns } from "@/db/schema";
import { campaignJson } from "@/lib/serializers/v1";
import { recordEvent } from "./record-event";

/**
 * `campaign.ended`, once per campaign however it ended: by hand (in the transaction that sets
 * `ended_at`) or because its end passed (when its codes are deactivated; nothing else changes then).
 */
export function recordCampaignEnded(db: Db, campaign: typeof campaigns.$inferSelect, now: Date = new Date()): Promise<string | null> {
  return recordEvent(db, {
    workspaceId: campaign.workspaceId,
    type: "campaign.ended",
    sourceKey: `campaign:${campaign.id}:ended`,
    subjectId: campaign.id,
    data: campaignJson(campaign, now),
  });
}
