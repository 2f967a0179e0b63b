import { z } from "zod";
import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { processDelivery } from "./process-delivery";

/**
 * Processes one recorded Shopify delivery. On Inngest: keyed per workspace so one brand's burst never
 * starves another, refunds and cancellations (urgent) ahead of queued orders. Without Inngest the
 * delivery worker (delivery-worker.ts) runs the same processDelivery from the Postgres queue.
 */
export const processShopifyDeliveryJob = defineJob({
  event: "tally/shopify.delivery.received",
  id: "process-shopify-delivery",
  schema: z.object({ deliveryId: z.string(), workspaceId: z.string(), urgent: z.boolean().optional() }),
  concurrencyKey: (d) => d.workspaceId,
  concurrencyLimit: 8,
  dedupeKey: (d) => d.deliveryId,
  urgent: (d) => d.urgent === true,
  retries: 5,
  run: async ({ deliveryId }, step) => step.run("process-delivery", async () => processDelivery(await getDb(), deliveryId)),
});
