import { z } from "zod";
import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { processDelivery } from "./process-delivery";

/** Processes one recorded Shopify delivery. Keyed per workspace so one brand's burst never starves another. */
export const processShopifyDeliveryJob = defineJob({
  event: "tally/shopify.delivery.received",
  id: "process-shopify-delivery",
  schema: z.object({ deliveryId: z.string(), workspaceId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  concurrencyLimit: 8,
  dedupeKey: (d) => d.deliveryId,
  retries: 5,
  run: async ({ deliveryId }, step) => step.run("process-delivery", async () => processDelivery(await getDb(), deliveryId)),
});
