import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { eventDeliveries, webhookEndpoints } from "@/db/schema";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { createId } from "@/lib/ids";
import { enqueue } from "@/lib/jobs/enqueue";
import { deliverEventJob } from "./deliver-event-job";

const BATCH = 1000;

/**
 * Fans committed events out to the endpoints that want them: one `event_deliveries` row per (endpoint,
 * event), written with the endpoint's new `dispatched_through` in one transaction (unique on
 * (endpoint, event): a second dispatcher writes nothing), then a delivery job per row. Runs on a short
 * timer in-process (and as an Inngest cron); cheap when nothing is new (an index on
 * (workspace_id, position)). Returns how many deliveries it created.
 */
export async function dispatchEvents(db: Db): Promise<number> {
  await sequenceEvents(db);
  const due = await queryRows<{ id: string }>(
    db,
    sql`SELECT w.id FROM webhook_endpoints w
        WHERE w.status = 'enabled'
          AND EXISTS (SELECT 1 FROM events e WHERE e.workspace_id = w.workspace_id AND e.position > w.dispatched_through)
        LIMIT 500`,
  );
  let created = 0;
  for (const { id } of due) {
    for (;;) {
      const { deliveries, scanned } = await fanOut(db, id);
      created += deliveries.length;
      for (const d of deliveries) await enqueue(deliverEventJob, d);
      if (scanned < BATCH) break;
    }
  }
  return created;
}

async function fanOut(db: Db, endpointId: string) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    // One dispatcher per endpoint at a time; another one skips it.
    const [endpoint] = await queryRows<{ id: string; workspace_id: string; event_types: string[] | string; dispatched_through: string }>(
      tx,
      sql`SELECT id, workspace_id, event_types, dispatched_through::text FROM webhook_endpoints WHERE id = ${endpointId} AND status = 'enabled' FOR UPDATE SKIP LOCKED`,
    );
    if (!endpoint) return { deliveries: [], scanned: 0 };
    const types = typeof endpoint.event_types === "string" ? parsePgArray(endpoint.event_types) : endpoint.event_types;
    const rows = await queryRows<{ id: string; type: string; position: string }>(
      tx,
      sql`SELECT id, type, position::text FROM events
          WHERE workspace_id = ${endpoint.workspace_id} AND position > ${endpoint.dispatched_through}::bigint
          ORDER BY position LIMIT ${BATCH}`,
    );
    if (rows.length === 0) return { deliveries: [], scanned: 0 };
    const wanted = rows.filter((r) => types.length === 0 || types.includes(r.type));
    const deliveries = wanted.map((r) => ({ id: createId("eventDelivery"), workspaceId: endpoint.workspace_id, endpointId: endpoint.id, eventId: r.id, eventType: r.type }));
    const inserted = deliveries.length
      ? await tx
          .insert(eventDeliveries)
          .values(deliveries)
          .onConflictDoNothing({ target: [eventDeliveries.endpointId, eventDeliveries.eventId] })
          .returning({ id: eventDeliveries.id })
      : [];
    await tx
      .update(webhookEndpoints)
      .set({ dispatchedThrough: Number(rows[rows.length - 1]!.position), updatedAt: sql`${webhookEndpoints.updatedAt}` })
      .where(sql`${webhookEndpoints.id} = ${endpoint.id}`);
    return { deliveries: inserted.map((d) => ({ deliveryId: d.id, endpointId: endpoint.id, workspaceId: endpoint.workspace_id })), scanned: rows.length };
  });
}

/** `{a,b}` (PGlite may hand arrays back as text). */
function parsePgArray(text: string): string[] {
  const inner = text.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((s) => s.replace(/^"|"$/g, "")) : [];
}
