import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/ids";
import type { EventType } from "./event-types";
import { sequenceEvents } from "./sequence-events";

import type { EventRow } from "./event-envelope";

export type { EventRow } from "./event-envelope";

/**
 * One page of a workspace's events in the outbox's order (`position`), strictly after the event
 * `after` (an event id: a page's `next_cursor`, or the `webhook-id` a receiver last processed).
 * Committed events get their positions first (sequenceEvents); a position is always above every one
 * given before (db/schema/events.ts), so replaying from the last id a client saw gives exactly what
 * it missed, in order.
 */
export async function listEvents(db: Db, input: { workspaceId: string; after?: string | undefined; types?: EventType[] | undefined; limit: number }) {
  await sequenceEvents(db);
  let position = sql``;
  if (input.after) {
    const unknown = new AppError("bad_request", `No event ${input.after} in this workspace: pass an event id (a page's next_cursor or a webhook-id).`);
    if (!isId("event", input.after)) throw unknown;
    const [from] = await queryRows<{ position: string }>(
      db,
      sql`SELECT position::text AS position FROM events WHERE workspace_id = ${input.workspaceId} AND id = ${input.after} AND position IS NOT NULL`,
    );
    if (!from) throw unknown;
    position = sql`AND position > ${from.position}::bigint`;
  }
  const types = input.types?.length
    ? sql`AND type IN (${sql.join(
        input.types.map((t) => sql`${t}`),
        sql`, `,
      )})`
    : sql``;
  const rows = await queryRows<{ id: string; type: EventType; data: Record<string, unknown> | string; created_at: Date | string }>(
    db,
    sql`
      SELECT id, type, data, created_at FROM events
      WHERE workspace_id = ${input.workspaceId} AND position IS NOT NULL
        ${position} ${types}
      ORDER BY position
      LIMIT ${input.limit + 1}`,
  );
  const page: EventRow[] = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    type: r.type,
    data: typeof r.data === "string" ? (JSON.parse(r.data) as Record<string, unknown>) : r.data,
    createdAt: new Date(r.created_at),
  }));
  return { events: page, more: rows.length > input.limit };
}
