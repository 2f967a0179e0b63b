import { inngestConfigured } from "@/lib/env";
import { enqueue } from "@/lib/jobs/enqueue";
import { afterResponse } from "@/lib/jobs/after-response";
import { logError } from "@/lib/log";
import { wakeDeliveryWorkers } from "./delivery-worker";
import { processShopifyDeliveryJob } from "./process-shopify-delivery-job";

/**
 * Tells processing about a newly recorded delivery, without making intake wait for it:
 * - with Inngest: the job's event, sent after the response (idempotent by the delivery id);
 * - a delivery worker in this process (the app's own, lib/boot.ts): wakes it — the row is the queue;
 * - `TALLY_DELIVERY_WORKER=external` (`npm run worker` elsewhere): nothing; that worker polls;
 * - otherwise (scripts, tests: no worker anywhere): the job runs in this process after the response.
 * A failed hand-off loses nothing: the delivery is recorded, and the worker or the sweeper finds it.
 */
export async function handOffDelivery(delivery: { id: string; workspaceId: string; priority: number }): Promise<void> {
  const data = { deliveryId: delivery.id, workspaceId: delivery.workspaceId, urgent: delivery.priority === 0 };
  if (inngestConfigured()) {
    await afterResponse(() =>
      enqueue(processShopifyDeliveryJob, data, { id: delivery.id }).catch((error: unknown) =>
        logError("delivery recorded but not handed off (the sweeper will retry)", error, { delivery: delivery.id }),
      ),
    );
    return;
  }
  if (wakeDeliveryWorkers(delivery.workspaceId, delivery.priority)) return;
  if (process.env.TALLY_DELIVERY_WORKER === "external") return;
  await enqueue(processShopifyDeliveryJob, data, { id: delivery.id }).catch((error: unknown) =>
    logError("delivery recorded but not handed off (the sweeper will retry)", error, { delivery: delivery.id }),
  );
}
