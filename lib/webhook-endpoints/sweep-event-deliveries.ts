import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { deliverEventJob } from "./deliver-event-job";
import { dispatchEvents } from "./dispatch-events";

/**
 * The outbound webhooks' heartbeat: fans new events out to endpoints, then starts every delivery
 * that is due (new ones, retries whose time came, attempts whose run died). Every second in-process
 * (lib/boot.ts), every minute as an Inngest cron. A run already waiting for the same delivery is
 * not queued twice (the job's dedupe key); two sweepers at once claim each attempt once
 * (attemptDelivery's claim).
 */
export async function sweepEventDeliveries(db: Db, options: { batch?: number } = {}): Promise<{ dispatched: number; started: number }> {
  const dispatched = await dispatchEvents(db);
  const due = await queryRows<{ id: string; workspace_id: string; endpoint_id: string }>(
    db,
    sql`SELECT d.id, d.workspace_id, d.endpoint_id FROM event_deliveries d
        JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.status = 'enabled'
        WHERE d.status IN ('pending', 'retrying') AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at LIMIT ${options.batch ?? 500}`,
  );
  for (const d of due) await enqueue(deliverEventJob, { deliveryId: d.id, workspaceId: d.workspace_id, endpointId: d.endpoint_id });
  return { dispatched, started: due.length };
}

let running = false;

/** The in-process timer's tick: one sweep at a time. */
export async function sweepEventDeliveriesOnce(db: Db): Promise<void> {
  if (running) return;
  running = true;
  try {
    await sweepEventDeliveries(db);
  } finally {
    running = false;
  }
}
