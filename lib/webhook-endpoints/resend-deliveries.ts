import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { eventDeliveries } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { enqueue } from "@/lib/jobs/enqueue";
import { deliverEventJob } from "./deliver-event-job";
import { getWebhookEndpointOrThrow } from "./manage-endpoints";

/** Sends a delivery again now (a failed one, or any other): its attempts go on from where they were. */
export async function resendDelivery(db: Db, input: { workspaceId: string; endpointId: string; deliveryId: string; actor: Actor }) {
  const endpoint = await getWebhookEndpointOrThrow(db, input);
  if (endpoint.status !== "enabled") throw new AppError("conflict", "Turn the endpoint on first: a disabled endpoint receives nothing.");
  const [row] = await db
    .update(eventDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date() })
    .where(and(eq(eventDeliveries.workspaceId, input.workspaceId), eq(eventDeliveries.endpointId, endpoint.id), eq(eventDeliveries.id, input.deliveryId)))
    .returning({ id: eventDeliveries.id });
  if (!row) throw new AppError("not_found", "Delivery not found.");
  await enqueue(deliverEventJob, { deliveryId: row.id, workspaceId: input.workspaceId, endpointId: endpoint.id });
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "webhook_endpoint.delivery_resent", targetType: "webhook_endpoint", targetId: endpoint.id, data: { delivery: row.id } });
}

/** Sends every failed delivery of an endpoint again. Returns how many. */
export async function resendFailedDeliveries(db: Db, input: { workspaceId: string; endpointId: string; actor: Actor }): Promise<number> {
  const endpoint = await getWebhookEndpointOrThrow(db, input);
  if (endpoint.status !== "enabled") throw new AppError("conflict", "Turn the endpoint on first: a disabled endpoint receives nothing.");
  const rows = await db
    .update(eventDeliveries)
    .set({ status: "pending", nextAttemptAt: new Date() })
    .where(and(eq(eventDeliveries.workspaceId, input.workspaceId), eq(eventDeliveries.endpointId, endpoint.id), inArray(eventDeliveries.status, ["failed"])))
    .returning({ id: eventDeliveries.id });
  // The sweeper starts them within a second; the first ones start now.
  for (const r of rows.slice(0, 100)) await enqueue(deliverEventJob, { deliveryId: r.id, workspaceId: input.workspaceId, endpointId: endpoint.id });
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "webhook_endpoint.failed_resent", targetType: "webhook_endpoint", targetId: endpoint.id, data: { deliveries: rows.length } });
  return rows.length;
}

/** A `webhook.test` message to one endpoint, delivered and shown like any other. */
export async function sendTestMessage(db: Db, input: { workspaceId: string; endpointId: string; actor: Actor }) {
  const endpoint = await getWebhookEndpointOrThrow(db, input);
  if (endpoint.status !== "enabled") throw new AppError("conflict", "Turn the endpoint on first: a disabled endpoint receives nothing.");
  const id = createId("eventDelivery");
  const now = new Date();
  const payload = { id, type: "webhook.test", created_at: now.toISOString(), data: { endpoint_id: endpoint.id, message: "A test message from Tally. Verify its signature with your endpoint's signing secret." } };
  await db.insert(eventDeliveries).values({ id, workspaceId: input.workspaceId, endpointId: endpoint.id, eventId: null, testPayload: payload, eventType: "webhook.test" });
  await enqueue(deliverEventJob, { deliveryId: id, workspaceId: input.workspaceId, endpointId: endpoint.id });
  return id;
}
