import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "@/db/client";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/json-cursor";

export type DeliveryStatus = "pending" | "delivered" | "retrying" | "failed";

export type EndpointDelivery = {
  id: string;
  eventId: string | null;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  lastResponse: string | null;
  lastDurationMs: number | null;
  createdAt: Date;
  /** What was (or will be) POSTed: the event's envelope, or the test message. */
  payload: Record<string, unknown>;
};

export const DELIVERIES_PAGE = 50;

const ZCursor = z.object({ t: z.string().regex(/^\d{4}-\d\d-\d\dT[\d:.]+$/), id: z.string().max(64) });

/**
 * One endpoint's deliveries, newest first, 50 a page (keyset on (created_at, id): the index
 * event_deliveries_endpoint_created_idx), optionally only one status. Scoped by workspace: another
 * workspace's endpoint has none.
 */
export async function listEndpointDeliveries(
  db: Db,
  input: { workspaceId: string; endpointId: string; status?: DeliveryStatus; cursor?: string | null; limit?: number },
): Promise<{ deliveries: EndpointDelivery[]; nextCursor: string | null }> {
  const limit = input.limit ?? DELIVERIES_PAGE;
  const after = input.cursor ? decodeJsonCursor(input.cursor, ZCursor) : null;
  const rows = await queryRows<{
    id: string;
    event_id: string | null;
    event_type: string;
    status: DeliveryStatus;
    attempts: number;
    next_attempt_at: string;
    last_attempt_at: string | null;
    last_status_code: number | null;
    last_response: string | null;
    last_duration_ms: number | null;
    created_at: string;
    created_key: string;
    test_payload: Record<string, unknown> | null;
    event_data: Record<string, unknown> | null;
    event_created_at: string | null;
  }>(
    db,
    sql`SELECT d.id, d.event_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.last_attempt_at, d.last_status_code,
               d.last_response, d.last_duration_ms, d.created_at, to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') AS created_key,
               d.test_payload, e.data AS event_data, e.created_at AS event_created_at
        FROM event_deliveries d
        LEFT JOIN events e ON e.id = d.event_id AND e.workspace_id = d.workspace_id
        WHERE d.workspace_id = ${input.workspaceId} AND d.endpoint_id = ${input.endpointId}
          ${input.status ? sql`AND d.status = ${input.status}` : sql``}
          ${after ? sql`AND (d.created_at, d.id) < (${after.t}::timestamp AT TIME ZONE 'UTC', ${after.id})` : sql``}
        ORDER BY d.created_at DESC, d.id DESC
        LIMIT ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    deliveries: page.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventType: r.event_type,
      status: r.status,
      attempts: Number(r.attempts),
      nextAttemptAt: new Date(r.next_attempt_at),
      lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at) : null,
      lastStatusCode: r.last_status_code === null ? null : Number(r.last_status_code),
      lastResponse: r.last_response,
      lastDurationMs: r.last_duration_ms === null ? null : Number(r.last_duration_ms),
      createdAt: new Date(r.created_at),
      payload:
        r.test_payload ??
        (r.event_id ? { id: r.event_id, type: r.event_type, created_at: r.event_created_at ? new Date(r.event_created_at).toISOString() : null, data: r.event_data } : {}),
    })),
    nextCursor: rows.length > limit && last ? encodeJsonCursor({ t: last.created_key, id: last.id }) : null,
  };
}

/** Per endpoint of a workspace: how many deliveries failed, and how many are waiting to be retried. */
export async function deliveryCountsByEndpoint(db: Db, workspaceId: string): Promise<Map<string, { failed: number; retrying: number }>> {
  const rows = await queryRows<{ endpoint_id: string; failed: string; retrying: string }>(
    db,
    sql`SELECT endpoint_id, count(*) FILTER (WHERE status = 'failed')::text AS failed, count(*) FILTER (WHERE status = 'retrying')::text AS retrying
        FROM event_deliveries WHERE workspace_id = ${workspaceId} AND status IN ('failed', 'retrying') GROUP BY endpoint_id`,
  );
  return new Map(rows.map((r) => [r.endpoint_id, { failed: Number(r.failed), retrying: Number(r.retrying) }]));
}
