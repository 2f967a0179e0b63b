import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { enqueue } from "@/lib/jobs/enqueue";
import { processShopifyDeliveryJob } from "./process-shopify-delivery-job";

/** A brand admin re-runs a delivery (failed, or processed: handlers are idempotent, so nothing doubles). */
export async function rerunDelivery(db: Db, input: { workspaceId: string; deliveryId: string; actor: Actor }) {
  const [row] = await db
    .update(webhookDeliveries)
    .set({ status: "received" })
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
  await enqueue(processShopifyDeliveryJob, { deliveryId: row.id, workspaceId: input.workspaceId });
  return row;
}
