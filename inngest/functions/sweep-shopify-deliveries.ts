import { getDb } from "@/db/client";
import { pruneRateLimits } from "@/lib/rate-limit/consume-rate-limit";
import { sweepDeliveries } from "@/lib/webhooks/sweep-deliveries";
import { inngest } from "../client";

/** Every two minutes: hand off deliveries that were recorded but never processed, or failed with attempts left. */
export const sweepShopifyDeliveries = inngest.createFunction(
  { id: "sweep-shopify-deliveries", triggers: [{ cron: "*/2 * * * *" }] },
  async ({ step }) => {
    const swept = await step.run("sweep", async () => sweepDeliveries(await getDb()));
    await step.run("prune-rate-limits", async () => pruneRateLimits(await getDb()));
    return swept;
  },
);
