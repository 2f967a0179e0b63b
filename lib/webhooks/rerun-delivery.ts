import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { handOffDelivery } from "./hand-off-delivery";
import { topicPriority } from "./topics";

/** A brand admin re-runs a delivery (failed, or processed: handlers are idempotent, so nothing doubles). */
export async function rerunDelivery(db: Db, input: { workspaceId: string; deliveryId: string; actor: Actor }) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "received", retryAt: null })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, input.workspaceId),
        eq(webhookDeliveries.id, input.deliveryId),
        inArray(webhookDeliveries.status, ["failed", "processed"]),
      ),
    )
    .returning({ id: webhookDeliveries.id, topic: webhookDeliveries.topic });
  if (!row) throw new AppError("not_found", "Delivery not found, or it is already waiting to be processed.");
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "delivery.rerun", targetType: "delivery", targetId: row.id, data: { topic: row.topic } });
  await handOffDelivery({ id: row.id, workspaceId: input.workspaceId, priority: topicPriority(row.topic) });
  return row;
}

/** How many failed deliveries one "Retry all" hands back at most (the rest on the next press). */
export const RETRY_ALL_LIMIT = 5_000;

/**
 * "Retry all": every failed delivery of the workspace (retrying or parked), oldest first, goes back to
 * `received` and is handed to processing (the worker's bounded slots pace them), and handlers are
 * idempotent, so nothing doubles. Returns how many were handed back.
 */
export async function retryFailedDeliveries(db: Db, input: { workspaceId: string; actor: Actor }): Promise<{ retried: number }> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: "received", retryAt: null })
    .where(
      inArray(
        webhookDeliveries.id,
        db
          .select({ id: webhookDeliveries.id })
          .from(webhookDeliveries)
          .where(and(eq(webhookDeliveries.workspaceId, input.workspaceId), eq(webhookDeliveries.status, "failed")))
          .orderBy(asc(webhookDeliveries.receivedAt))
          .limit(RETRY_ALL_LIMIT),
      ),
    )
    .returning({ id: webhookDeliveries.id, topic: webhookDeliveries.topic });
  if (rows.length === 0) return { retried: 0 };
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "delivery.retry_all", targetType: "workspace", targetId: input.workspaceId, data: { deliveries: rows.length } });
  for (const row of rows) await handOffDelivery({ id: row.id, workspaceId: input.workspaceId, priority: topicPriority(row.topic) });
  return { retried: rows.length };
}
