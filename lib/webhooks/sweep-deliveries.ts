import { and, asc, eq, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { PROCESSING_LEASE_SECONDS } from "./process-delivery";
import { processShopifyDeliveryJob } from "./process-shopify-delivery-job";

export const SWEEP = {
  /** A delivery still `received` this long after arriving was never handed off (crash, Inngest down). */
  receivedGraceSeconds: 60,
  /** Failed deliveries are retried with backoff until this many attempts; then they wait for a person. */
  maxAttempts: 8,
  batch: 500,
};

/**
 * Safety net for background processing: hands off deliveries that were recorded but never
 * processed, abandoned mid-processing, or failed with attempts left (backoff: 2^attempts minutes).
 * Runs as an Inngest cron, or on a timer in-process. Uses the small partial index on pending rows.
 */
export async function sweepDeliveries(db: Db, options: Partial<typeof SWEEP> = {}): Promise<{ enqueued: number }> {
  const o = { ...SWEEP, ...options };
  const due = await db
    .select({ id: webhookDeliveries.id, workspaceId: webhookDeliveries.workspaceId })
    .from(webhookDeliveries)
    .where(
      or(
        and(eq(webhookDeliveries.status, "received"), lt(webhookDeliveries.receivedAt, sql`now() - make_interval(secs => ${o.receivedGraceSeconds})`)),
        and(
          eq(webhookDeliveries.status, "processing"),
          lt(webhookDeliveries.updatedAt, sql`now() - make_interval(secs => ${PROCESSING_LEASE_SECONDS})`),
        ),
        and(
          eq(webhookDeliveries.status, "failed"),
          lt(webhookDeliveries.attempts, o.maxAttempts),
          lt(webhookDeliveries.updatedAt, sql`now() - make_interval(mins => power(2, ${webhookDeliveries.attempts})::int)`),
        ),
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
