import { and, count, desc, eq, lt, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";

export type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)["status"];

/** The deliveries page: newest first, optionally by status, keyset-paginated on received_at. */
export async function listDeliveries(
  db: Db,
  input: { workspaceId: string; status?: DeliveryStatus | undefined; before?: Date | undefined; limit?: number },
) {
  const conditions: SQL[] = [eq(webhookDeliveries.workspaceId, input.workspaceId)];
  if (input.status) conditions.push(eq(webhookDeliveries.status, input.status));
  if (input.before) conditions.push(lt(webhookDeliveries.receivedAt, input.before));
  return db
    .select({
      id: webhookDeliveries.id,
      topic: webhookDeliveries.topic,
      webhookId: webhookDeliveries.webhookId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastError: webhookDeliveries.lastError,
      retryAt: webhookDeliveries.retryAt,
      failingSince: webhookDeliveries.failingSince,
      receivedAt: webhookDeliveries.receivedAt,
      processedAt: webhookDeliveries.processedAt,
      triggeredAt: webhookDeliveries.triggeredAt,
    })
    .from(webhookDeliveries)
    .where(and(...conditions))
    .orderBy(desc(webhookDeliveries.receivedAt))
    .limit(input.limit ?? 50);
}

export async function countDeliveriesByStatus(db: Db, workspaceId: string) {
  const rows = await db
    .select({ status: webhookDeliveries.status, n: count() })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, workspaceId))
    .groupBy(webhookDeliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Partial<Record<DeliveryStatus, number>>;
}
