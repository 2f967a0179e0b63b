import type { EventType } from "./event-types";

export type EventRow = { id: string; type: EventType; data: Record<string, unknown>; createdAt: Date };

/** An event as the feed and every webhook delivery carry it. */
export function eventEnvelope(e: EventRow) {
  return { id: e.id, type: e.type, created_at: e.createdAt.toISOString(), data: e.data };
}
