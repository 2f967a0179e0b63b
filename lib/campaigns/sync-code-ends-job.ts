import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { discountCodes, shops } from "@/db/schema";
import { defineJob } from "@/lib/jobs/define-job";
import { syncCodeEnd } from "./code-operations";
import { getCampaignOrThrow } from "./get-campaign";
import { runPool } from "./run-pool";

/** After the campaign's end moved: moves `endsAt` of every live code in Shopify (skips those already in step). */
export const syncCodeEndsJob = defineJob({
  event: "tally/campaign.codes.sync-end",
  id: "sync-campaign-code-ends",
  schema: z.object({ workspaceId: z.string(), campaignId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  retries: 6,
  run: async ({ workspaceId, campaignId }, step) =>
    step.run("sync-ends", async () => {
      const db = await getDb();
      const campaign = await getCampaignOrThrow(db, { workspaceId, campaignId });
      const [shop] = await db.select().from(shops).where(eq(shops.id, campaign.shopId));
      if (!shop || shop.status !== "connected") return { moved: 0 };
      const live = await db
        .select()
        .from(discountCodes)
        .where(and(eq(discountCodes.campaignId, campaignId), eq(discountCodes.status, "active"), isNull(discountCodes.deactivatedAt)));
      const stale = live.filter((c) => (c.shopifyEndsAt?.getTime() ?? null) !== (campaign.endsAt?.getTime() ?? null));
      await runPool(stale, 4, (code) => syncCodeEnd(db, { shop, campaign, code }));
      return { moved: stale.length };
    }),
});
