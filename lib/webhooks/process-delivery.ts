import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { isPermanentDeliveryError } from "./delivery-errors";
import { handleShopifyEvent } from "./handle-shopify-event";
import { retryAtAfterFailure } from "./retry-policy";

export type ProcessResult = { deliveryId: string; outcome: "processed" | "ignored" | "skipped" | "failed"; error?: string };

/**
 * Processes one recorded delivery in one transaction: claims it (with a worker's claim, only while it
 * is still that worker's; otherwise received/failed or an expired claim — the row lock makes a
 * concurrent run wait and then skip it), runs the topic's handler, and
 * marks it processed. Everything commits together or not at all.
 *
 * The transaction commits with `synchronous_commit = off`: a crash can lose its last few
 * milliseconds of commits, but never half of one, and what it loses is exactly "this delivery was
 * processed" together with its effects — the delivery is still recorded (intake commits durably),
 * so the sweeper processes it again. That saves a WAL flush per delivery.
 *
 * A failure rolls everything back and is recorded (status failed + error, visible to the brand). A
 * permanent one (a body that can never be valid: delivery-errors.ts) is parked at once and
 * returned as `failed` — nothing retries it. A transient one gets its next retry time (backoff,
 * retry-policy.ts; parked once out of attempts) and is rethrown so that Inngest (or the in-process
 * runner) retries. Handlers are idempotent by Shopify's own ids, so a retry or a re-run changes
 * nothing that was already applied.
 */
export async function processDelivery(db: Db, deliveryId: string, claim?: { workerId: string }): Promise<ProcessResult> {
  // A worker's claim (delivery-queue.ts) is fenced: the job runs and commits only while the claim is
  // still this worker's (an expired claim that was handed to another worker is skipped). Without a
  // claim (Inngest, a re-run) the transaction claims the delivery itself.
  const claimable = claim
    ? and(eq(webhookDeliveries.status, "processing"), eq(webhookDeliveries.claimedBy, claim.workerId))
    : or(
        inArray(webhookDeliveries.status, ["received", "failed"]),
        and(eq(webhookDeliveries.status, "processing"), lt(webhookDeliveries.claimedUntil, sql`now()`)),
      );
  try {
    return await db.transaction(async (txRaw) => {
      const tx = txRaw as unknown as Db;
      await tx.execute(sql`SET LOCAL synchronous_commit = off`);
      const [delivery] = await tx
        .update(webhookDeliveries)
        .set({ status: "processing", attempts: sql`${webhookDeliveries.attempts} + 1`, updatedAt: new Date() })
        .where(
          and(eq(webhookDeliveries.id, deliveryId), claimable),
        )
        .returning();
      if (!delivery) return { deliveryId, outcome: "skipped" as const };
      const outcome = await handleShopifyEvent(tx, delivery);
      await tx
        .update(webhookDeliveries)
        .set({
          status: outcome === "ignored" ? "ignored" : "processed",
          processedAt: new Date(),
          lastError: null,
          retryAt: null,
          failingSince: null,
          claimedBy: null,
          claimedUntil: null,
        })
        .where(eq(webhookDeliveries.id, deliveryId));
      return { deliveryId, outcome };
    });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    const permanent = isPermanentDeliveryError(error);
    await db
      .update(webhookDeliveries)
      .set({
        status: "failed",
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastError: message,
        retryAt: retryAtAfterFailure(webhookDeliveries.attempts, permanent),
        failingSince: sql`coalesce(${webhookDeliveries.failingSince}, now())`,
        claimedBy: null,
        claimedUntil: null,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          claim
            ? and(eq(webhookDeliveries.status, "processing"), eq(webhookDeliveries.claimedBy, claim.workerId))
            : inArray(webhookDeliveries.status, ["received", "failed", "processing"]),
        ),
      );
    if (permanent) return { deliveryId, outcome: "failed", error: message };
    throw error;
  }
}
