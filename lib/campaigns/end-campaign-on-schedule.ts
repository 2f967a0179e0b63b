import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { campaigns } from "@/db/schema";
import { deactivateDueCodes } from "./deactivate-codes-job";

/**
 * What a sleeping end-of-campaign run does when it wakes: if the plan is still current (same
 * `end_version`, end reached, not deleted), deactivate every code; otherwise do nothing (a newer plan
 * or a deletion took over).
 */
export async function endCampaignOnSchedule(input: { workspaceId: string; campaignId: string; endVersion: number }) {
  const db = await getDb();
  const [c] = await db.select().from(campaigns).where(and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.id, input.campaignId)));
  if (!c || c.deletedAt || c.endVersion !== input.endVersion || !c.endsAt || c.endsAt > new Date()) {
    return { ended: false as const, reason: "stale plan" };
  }
  return { ended: true as const, deactivated: await deactivateDueCodes(input.workspaceId, input.campaignId) };
}
