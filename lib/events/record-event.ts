import type { Db } from "@/db/client";
import { events } from "@/db/schema";
import type { EventType } from "./event-types";

export type EventInput = {
  workspaceId: string;
  type: EventType;
  /** The cause, unique per workspace: a retried change writes its event once (`ledger:{entry id}`, `payout:{id}:paid`). */
  sourceKey: string;
  subjectId: string;
  data: Record<string, unknown>;
};

/**
 * Writes one event into the outbox. `db` must be the transaction that makes the change the event
 * tells of: the event then commits with it or not at all. Returns the event id, or null when the
 * cause already wrote its event.
 */
export async function recordEvent(db: Db, input: EventInput): Promise<string | null> {
  const [row] = await db
    .insert(events)
    .values({ workspaceId: input.workspaceId, type: input.type, sourceKey: input.sourceKey, subjectId: input.subjectId, data: input.data })
    .onConflictDoNothing({ target: [events.workspaceId, events.sourceKey] })
    .returning({ id: events.id });
  return row?.id ?? null;
}

/** The same for many events of one change (a roster of 500 creators is one statement). */
export async function recordEvents(db: Db, inputs: EventInput[]): Promise<number> {
  if (inputs.length === 0) return 0;
  const rows = await db
    .insert(events)
    .values(inputs.map((e) => ({ workspaceId: e.workspaceId, type: e.type, sourceKey: e.sourceKey, subjectId: e.subjectId, data: e.data })))
    .onConflictDoNothing({ target: [events.workspaceId, events.sourceKey] })
    .returning({ id: events.id });
  return rows.length;
}
