import { getDb } from "@/db/client";
import { foldCampaignDays } from "@/lib/dashboard/fold-campaign-days";
import { inngest } from "../client";

/**
 * Every minute, fold the chart's campaign-day deltas into campaign_days (readers add what is not
 * folded yet, so this only keeps that part small). In-process, the sweeper's timer does the same.
 */
export const foldDashboardDaysCron = inngest.createFunction(
  { id: "fold-dashboard-days", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => step.run("fold", async () => ({ folded: await foldCampaignDays(await getDb()) })),
);
