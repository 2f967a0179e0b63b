import type { campaigns } from "@/db/schema";
import { sendEvent } from "@/lib/jobs/send-event";

export const CAMPAIGN_END_SCHEDULED = "tally/campaign.end.scheduled";
export const CAMPAIGN_DELETED = "tally/campaign.deleted";

/**
 * Plans the end of a campaign. On Inngest, a run sleeps until `ends_at` and then deactivates the
 * codes; a newer plan (the end moved) or a deletion cancels the sleeping run (`cancelOn`), and the
 * run re-checks `end_version` when it wakes. In-process, the end sweeper (every 30 s while the app
 * runs) does the same work; it also runs on Inngest as a cron, as a safety net.
 */
export async function scheduleCampaignEnd(c: typeof campaigns.$inferSelect): Promise<void> {
  if (!c.endsAt || c.endedAt || c.deletedAt) return;
  await sendEvent(
    CAMPAIGN_END_SCHEDULED,
    { workspaceId: c.workspaceId, campaignId: c.id, endsAt: c.endsAt.toISOString(), endVersion: c.endVersion },
    { id: `campaign-end-${c.id}-${c.endVersion}` },
  );
}
