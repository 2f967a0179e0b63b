import { and, eq, isNotNull, ne } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { campaigns, discountCodes, shops } from "@/db/schema";
import { defineJob } from "@/lib/jobs/define-job";
import { recordCampaignEnded } from "@/lib/events/record-campaign-ended";
import { campaignStatus } from "./campaign-status";
import { deactivateCode } from "./code-operations";
import { runPool } from "./run-pool";

/**
 * Deactivates, in Shopify and in Tally, every code of a campaign that must stop working: all of them
 * once the campaign has ended, and those of removed creators. Idempotent: deactivated codes are skipped.
 */
export async function deactivateDueCodes(workspaceId: string, campaignId: string): Promise<number> {
  const db = await getDb();
  const [campaign] = await db.select().from(campaigns).where(and(eq(campaigns.workspaceId, workspaceId), eq(campaigns.id, campaignId)));
  if (!campaign) return 0;
  const ended = campaignStatus(campaign) === "ended" || campaign.deletedAt !== null;
  // An end that passed changes no row: its event is written here, once (keyed by the campaign).
  if (campaignStatus(campaign) === "ended" && campaign.deletedAt === null) await recordCampaignEnded(db, campaign);
  const due = await db
    .select()
    .from(discountCodes)
    .where(
      and(
        eq(discountCodes.campaignId, campaignId),
        ne(discountCodes.status, "deactivated"),
        ended ? undefined : isNotNull(discountCodes.deactivatedAt),
      ),
    );
  const [shop] = await db.select().from(shops).where(eq(shops.id, campaign.shopId));
  await runPool(due, 4, (code) => deactivateCode(db, { shop: shop ?? null, code }));
  return due.length;
}

export const deactivateCodesJob = defineJob({
  event: "tally/campaign.codes.deactivate",
  id: "deactivate-campaign-codes",
  schema: z.object({ workspaceId: z.string(), campaignId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  retries: 6,
  run: async ({ workspaceId, campaignId }, step) => ({
    deactivated: await step.run("deactivate", () => deactivateDueCodes(workspaceId, campaignId)),
  }),
});
