import { z } from "zod";
import { getDb } from "@/db/client";
import { endCampaignOnSchedule } from "@/lib/campaigns/end-campaign-on-schedule";
import { endDueCampaigns } from "@/lib/campaigns/end-due-campaigns";
import { CAMPAIGN_DELETED, CAMPAIGN_END_SCHEDULED } from "@/lib/campaigns/schedule-campaign-end";
import { inngest } from "../client";

const ZPlan = z.object({ workspaceId: z.string(), campaignId: z.string(), endsAt: z.string().datetime(), endVersion: z.number().int() });

/**
 * Sleeps until the campaign's end, then deactivates its codes. A newer plan for the same campaign
 * (the end moved) or its deletion cancels the sleeping run; the run also re-checks `end_version`.
 */
export const endCampaign = inngest.createFunction(
  {
    id: "end-campaign",
    triggers: [{ event: CAMPAIGN_END_SCHEDULED }],
    cancelOn: [
      { event: CAMPAIGN_END_SCHEDULED, match: "data.campaignId" },
      { event: CAMPAIGN_DELETED, match: "data.campaignId" },
    ],
  },
  async ({ event, step }) => {
    const plan = ZPlan.parse(event.data);
    await step.sleepUntil("wait-until-end", new Date(plan.endsAt));
    return step.run("deactivate-codes", () => endCampaignOnSchedule(plan));
  },
);

/** Safety net: every five minutes, end whatever should have ended (missed events, failed runs). */
export const endDueCampaignsCron = inngest.createFunction(
  { id: "end-due-campaigns", triggers: [{ cron: "*/5 * * * *" }] },
  async ({ step }) => step.run("end-due", async () => endDueCampaigns(await getDb())),
);
