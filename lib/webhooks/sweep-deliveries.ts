import { and, asc, eq, isNotNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { processShopifyDeliveryJob } from "./process-shopify-delivery-job";

export const SWEEP = {
  /** A delivery still `received` this long after arriving was never handed off (crash, Inngest down). */
  receivedGraceSeconds: 60,
  batch: 500,
};

/**
 * Safety net for background processing: hands off deliveries that were recorded but never
 * processed, abandoned mid-processing, or failed with a retry due (retry_at: backoff, bounded —
 * parked deliveries have none; lib/webhooks/retry-policy.ts).
 * Runs as an Inngest cron. Without Inngest the delivery worker (delivery-worker.ts) claims from the
 * table itself and rescues expired claims and due retries, so this is not needed there. Uses the
 * small partial index on pending rows.
 */
export async function sweepDeliveries(db: Db, options: Partial<typeof SWEEP> = {}): Promise<{ enqueued: number }> {
  const o = { ...SWEEP, ...options };
  const due = await db
    .select({ id: webhookDeliveries.id, workspaceId: webhookDeliveries.workspaceId })
    .from(webhookDeliveries)
    .where(
      or(
        and(eq(webhookDeliveries.status, "received"), lt(webhookDeliveries.receivedAt, sql`now() - make_interval(secs => ${o.receivedGraceSeconds})`)),
        and(eq(webhookDeliveries.status, "processing"), lt(webhookDeliveries.claimedUntil, sql`now()`)),
        and(eq(webhookDeliveries.status, "failed"), isNotNull(webhookDeliveries.retryAt), lte(webhookDeliveries.retryAt, sql`now()`)),
      ),
    )
    .orderBy(asc(webhookDeliveries.receivedAt))
    .limit(o.batch);
  let enqueued = 0;
  for (const d of due) {
    if (!d.workspaceId) continue;
    await enqueue(processShopifyDeliveryJob, { deliveryId: d.id, workspaceId: d.workspaceId });
    enqueued++;
  }
  return { enqueued };
}
