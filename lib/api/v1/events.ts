import { z } from "zod";
import { EVENT_TYPES, isEventType, type EventType } from "@/lib/events/event-types";
import { eventEnvelope, type EventRow } from "@/lib/events/event-envelope";
import { parseInput } from "./request";

/** `GET /events`'s query: `after` (an event id), `types` (comma-separated), `limit`. */
export const ZEventsQuery = z
  .object({
    after: z.string().max(100).optional().describe("An event id: the page's `next_cursor`, or the `webhook-id` of the last event you processed. Events strictly after it are returned."),
    types: z
      .string()
      .max(1000)
      .optional()
      .describe(`Comma-separated event types to return, e.g. \`conversion.refunded,payout.paid\`. One of: ${EVENT_TYPES.join(", ")}.`)
      .transform((v, ctx) => {
        if (v === undefined) return undefined;
        const list = v.split(",").map((t) => t.trim()).filter(Boolean);
        const unknown = list.filter((t) => !isEventType(t));
        if (unknown.length) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: `Unknown event type${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: use ${EVENT_TYPES.join(", ")}.` });
          return z.NEVER;
        }
        return list as EventType[];
      }),
    cursor: z.string().max(100).optional().describe("The same as `after` (the name every other list uses)."),
    limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  });

/** An event as the feed and webhook deliveries carry it. `data` is the subject's API v1 representation. */
export const ZEventJson = z.object({
  id: z.string().describe("Stable and unique (`evt_…`); the `webhook-id` of its deliveries, so receivers de-duplicate by it."),
  type: z.enum(EVENT_TYPES),
  created_at: z.string().datetime(),
  data: z.record(z.unknown()).describe("The subject as the change left it: a conversion as in GET /conversions (plus `previous_status`, `refund` or `adjustment`), a payout with its items as in GET /payouts/{id} (`payout.item_failed` adds the failed `item`), a campaign's creator, or a campaign."),
});

export function parseEventsQuery(url: URL) {
  const q = parseInput(ZEventsQuery, Object.fromEntries(url.searchParams), { message: "Invalid query parameters." });
  return { after: q.after ?? q.cursor, types: q.types, limit: q.limit };
}

export function eventJson(e: EventRow): z.infer<typeof ZEventJson> {
  return eventEnvelope(e);
}
