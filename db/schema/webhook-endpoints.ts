import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, tstz, updatedAt } from "./columns";
import { events } from "./events";
import { workspaces } from "./workspaces";

export const webhookEndpointStatus = pgEnum("webhook_endpoint_status", ["enabled", "disabled"]);

/**
 * A brand's receiver of outbound events (lib/webhook-endpoints). Signed with the Standard Webhooks
 * scheme under `secret` (`whsec_…`, encrypted at rest); after a rotation the previous secret also
 * signs until `previous_secret_expires_at` (24 h), so receivers can switch without losing a delivery.
 * `dispatched_through` is the last event position fanned out to it: an endpoint hears the events
 * written after it was added. `failing_since`: the first failed attempt since the last success; an
 * endpoint failing for 3 days is disabled.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id("webhookEndpoint"),
    workspaceId: belongsTo(() => workspaces.id),
    url: text().notNull(),
    description: text(),
    /** Event types it receives; empty: every type. */
    eventTypes: text().array().notNull().default(sql`'{}'::text[]`),
    status: webhookEndpointStatus().notNull().default("enabled"),
    disabledReason: text(),
    disabledAt: tstz(),
    secretEnc: text().notNull(),
    previousSecretEnc: text(),
    previousSecretExpiresAt: tstz(),
    failingSince: tstz(),
    dispatchedThrough: bigint({ mode: "number" }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Developers → Webhooks and GET /webhook-endpoints: WHERE workspace_id = $1 ORDER BY created_at
    index("webhook_endpoints_workspace_created_idx").on(t.workspaceId, t.createdAt),
  ],
);

export const eventDeliveryStatus = pgEnum("event_delivery_status", ["pending", "delivered", "retrying", "failed"]);

/**
 * One event (or a test message) to one endpoint: its attempts so far and the last one's outcome.
 * Unique on (endpoint, event): fanning out twice delivers once. `failed` is final (given up after
 * 3 days, or the endpoint was disabled); a brand can re-send it.
 */
export const eventDeliveries = pgTable(
  "event_deliveries",
  {
    id: id("eventDelivery"),
    workspaceId: belongsTo(() => workspaces.id),
    endpointId: belongsTo(() => webhookEndpoints.id),
    eventId: text().references(() => events.id),
    /** A test message's body (no event behind it); null for events. */
    testPayload: jsonb().$type<Record<string, unknown>>(),
    eventType: text().notNull(),
    status: eventDeliveryStatus().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz().notNull().defaultNow(),
    lastAttemptAt: tstz(),
    lastStatusCode: integer(),
    /** The receiver's answer, its first 2 KB, or why there was none (timeout, refused address). */
    lastResponse: text(),
    lastDurationMs: integer(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("event_deliveries_endpoint_event_key").on(t.endpointId, t.eventId),
    // the endpoint's deliveries in the portal: WHERE workspace_id = $1 AND endpoint_id = $2 ORDER BY created_at DESC
    index("event_deliveries_endpoint_created_idx").on(t.workspaceId, t.endpointId, t.createdAt.desc()),
    // the retry sweeper: WHERE status IN ('pending','retrying') AND next_attempt_at <= now()
    index("event_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} IN ('pending', 'retrying')`),
  ],
);
