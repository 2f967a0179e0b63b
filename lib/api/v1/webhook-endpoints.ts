import { z } from "zod";
import { EVENT_TYPES } from "@/lib/events/event-types";
import type { WebhookEndpointRow } from "@/lib/webhook-endpoints/manage-endpoints";

/** A webhook endpoint as API v1 shows it. `secret` only where asked for (one endpoint, creation, rotation). */
export const ZWebhookEndpointJson = z.object({
  id: z.string().describe("`we_…`"),
  url: z.string(),
  description: z.string().nullable(),
  event_types: z.array(z.enum(EVENT_TYPES)).describe("Empty: every type."),
  status: z.enum(["enabled", "disabled"]),
  disabled_reason: z.string().nullable().describe("Why it was disabled (by the brand, or after failing for 3 days)."),
  disabled_at: z.string().datetime().nullable(),
  failing_since: z.string().datetime().nullable().describe("The first failed attempt since the last success; disabled 3 days after it."),
  previous_secret_expires_at: z.string().datetime().nullable().describe("After a rotation: until when the previous secret also signs."),
  secret: z.string().optional().describe("The signing secret (`whsec_…`), for a Standard Webhooks library."),
  created_at: z.string().datetime(),
  updated_at: z.string().datetime(),
});

export function webhookEndpointJson(e: WebhookEndpointRow, secret?: string): z.infer<typeof ZWebhookEndpointJson> {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes as z.infer<typeof ZWebhookEndpointJson>["event_types"],
    status: e.status,
    disabled_reason: e.disabledReason,
    disabled_at: e.disabledAt?.toISOString() ?? null,
    failing_since: e.failingSince?.toISOString() ?? null,
    previous_secret_expires_at: e.previousSecretExpiresAt && e.previousSecretExpiresAt > new Date() ? e.previousSecretExpiresAt.toISOString() : null,
    ...(secret !== undefined ? { secret } : {}),
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}
