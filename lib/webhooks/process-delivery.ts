import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { handleShopifyEvent } from "./handle-shopify-event";

/** A delivery left in `processing` longer than this is taken to be abandoned (a crashed worker). */
export const PROCESSING_LEASE_SECONDS = 120;

export type ProcessResult = { deliveryId: string; outcome: "processed" | "ignored" | "skipped" };

/**
 * Processes one recorded delivery: claims it (received/failed, or an abandoned lease), runs the
 * topic's handler, and records the outcome. Handlers are idempotent by Shopify's own ids, so a
 * second run changes nothing. A failure is recorded (status failed + error, visible to the brand)
 * and rethrown so that Inngest (or the in-process runner) retries.
 */
export async function processDelivery(db: Db, deliveryId: string): Promise<ProcessResult> {
  const [delivery] = await db
    .update(webhookDeliveries)
    .set({ status: "processing", attempts: sql`${webhookDeliveries.attempts} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(webhookDeliveries.id, deliveryId),
        or(
          inArray(webhookDeliveries.status, ["received", "failed"]),
          and(
            eq(webhookDeliveries.status, "processing"),
            lt(webhookDeliveries.updatedAt, sql`now() - make_interval(secs => ${PROCESSING_LEASE_SECONDS})`),
          ),
        ),
      ),
    )
    .returning();
  if (!delivery) return { deliveryId, outcome: "skipped" };

  try {
    const outcome = await handleShopifyEvent(db, delivery);
    await db
      .update(webhookDeliveries)
      .set({ status: outcome === "ignored" ? "ignored" : "processed", processedAt: new Date(), lastError: null })
      .where(eq(webhookDeliveries.id, deliveryId));
    return { deliveryId, outcome };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: message.slice(0, 2000) })
      .where(eq(webhookDeliveries.id, deliveryId));
    throw error;
  }
}
