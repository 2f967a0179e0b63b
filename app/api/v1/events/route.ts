import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { eventJson, parseEventsQuery } from "@/lib/api/v1/events";
import { listEvents } from "@/lib/events/list-events";

/** The workspace's outbox in order: replay from any event id with `after`. */
export const GET = withApiKey(async ({ req, db, workspace }) => {
  const q = parseEventsQuery(req.nextUrl);
  const { events, more } = await listEvents(db, { workspaceId: workspace.id, after: q.after, types: q.types, limit: q.limit });
  const last = events[events.length - 1];
  return Response.json({ data: events.map(eventJson), next_cursor: more && last ? last.id : null });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
