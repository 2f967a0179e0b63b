import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/event-types";

const isHttpUrl = (v: string) => {
  try {
    const u = new URL(v.trim());
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
};
const ZUrl = z.string().max(2000, "The URL is too long (at most 2,000 characters).").refine(isHttpUrl, "Enter a full URL starting with https://, e.g. https://example.com/webhooks/tally.");

const ZEventTypes = z
  .array(z.enum(EVENT_TYPES, { errorMap: () => ({ message: `Each event type is one of ${EVENT_TYPES.join(", ")}.` }) }))
  .max(EVENT_TYPES.length)
  .transform((types) => [...new Set(types)])
  .describe("The event types it receives; empty or left out: every type, including those added later.");

export const ZCreateWebhookEndpoint = z
  .object({
    url: z.string({ required_error: "url is required." }).min(1, "url is required.").pipe(ZUrl).describe("Where events are POSTed: https in production; public addresses only."),
    description: z.string().trim().max(200).nullish(),
    event_types: ZEventTypes.default([]),
  })
  .strict();

export const ZUpdateWebhookEndpoint = z
  .object({
    url: ZUrl.optional(),
    description: z.string().trim().max(200).nullish(),
    event_types: ZEventTypes.optional(),
    status: z.enum(["enabled", "disabled"]).optional().describe("`enabled` turns a disabled endpoint back on (its failures are forgotten); `disabled` pauses it."),
  })
  .strict();

export type TCreateWebhookEndpoint = z.infer<typeof ZCreateWebhookEndpoint>;
export type TUpdateWebhookEndpoint = z.infer<typeof ZUpdateWebhookEndpoint>;

/** A form's checkbox for one event type: `event:conversion.created`. */
export const eventTypeField = (type: string) => `event:${type}`;

/** Developers → Webhooks' "Add an endpoint" form: the URL, a description and one checkbox per type (none ticked: every type). */
export const ZWebhookEndpointForm = z
  .object({
    url: z.string().trim().min(1, "Enter the URL that receives the events.").pipe(ZUrl),
    description: z.string().trim().max(200, "At most 200 characters.").optional(),
  })
  .passthrough()
  .transform((form): TCreateWebhookEndpoint => {
    const values = form as Record<string, unknown>;
    return { url: form.url, description: form.description || null, event_types: EVENT_TYPES.filter((t) => values[eventTypeField(t)] === "on") };
  });
