import { z } from "zod";
import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { attemptDelivery } from "./deliver-event";

/**
 * One attempt of one event delivery. At most two attempts per endpoint at once (a slow receiver
 * slows only itself), in their own pool of in-process slots (a dead endpoint never holds up order
 * processing). The job does not retry itself: a failed attempt is scheduled on the delivery
 * (`next_attempt_at`, 3 days of backoff) and the sweeper starts it when due.
 */
export const deliverEventJob = defineJob({
  event: "tally/webhook-endpoint.deliver",
  id: "deliver-event",
  schema: z.object({ workspaceId: z.string(), endpointId: z.string(), deliveryId: z.string() }),
  concurrencyKey: (d) => d.endpointId,
  concurrencyLimit: 2,
  pool: "webhook-endpoints",
  retries: 0,
  dedupeKey: (d) => d.deliveryId,
  run: async (d, step) => step.run("attempt", async () => attemptDelivery(await getDb(), d)),
});
