import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { discountCodes, shops } from "@/db/schema";
import { notifyCodePushFailures } from "@/lib/email/code-push-failures";
import { defineJob } from "@/lib/jobs/define-job";
import { pushCode } from "./code-operations";
import { getCampaignOrThrow } from "./get-campaign";
import { runPool } from "./run-pool";

const BATCH = 50;
/** Requests in flight per store; the Admin client's cost-aware limiter keeps them inside Shopify's bucket. */
export const PUSH_CONCURRENCY = 4;

/**
 * Pushes a campaign's pending codes to Shopify, in batches (one durable step each), so a crash or
 * deploy resumes where it stopped. Progress is the codes' own statuses, which the campaign page polls.
 */
export const pushCampaignCodesJob = defineJob({
  event: "tally/campaign.codes.push",
  id: "push-campaign-codes",
  schema: z.object({ workspaceId: z.string(), campaignId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  retries: 4,
  run: async ({ workspaceId, campaignId }, step) => {
    let pushed = 0;
    for (let batch = 0; ; batch++) {
      const n = await step.run(`push-batch-${batch}`, async () => {
        const db = await getDb();
        const campaign = await getCampaignOrThrow(db, { workspaceId, campaignId });
        const [shop] = await db.select().from(shops).where(eq(shops.id, campaign.shopId));
        if (!shop || shop.status !== "connected") return 0;
        const pending = await db
          .select()
          .from(discountCodes)
          .where(and(eq(discountCodes.campaignId, campaignId), eq(discountCodes.status, "pending"), isNull(discountCodes.deactivatedAt)))
          .orderBy(asc(discountCodes.createdAt))
          .limit(BATCH);
        await runPool(pending, PUSH_CONCURRENCY, async (code) => {
          await pushCode(db, { shop, campaign, code });
        });
        return pending.length;
      });
      pushed += n;
      if (n < BATCH) {
        // The brand hears about codes Shopify refused (once per set of failures).
        await step.run("notify-failures", async () => notifyCodePushFailures(await getDb(), { workspaceId, campaignId }));
        return { pushed };
      }
    }
  },
});
