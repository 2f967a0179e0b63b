import { and, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { eventDeliveries, events, webhookEndpoints } from "@/db/schema";
import { queueEmail } from "@/lib/email/queue-email";
import { workspaceAdmins } from "@/lib/email/recipients";
import { appUrl } from "@/lib/env";
import { eventEnvelope } from "@/lib/events/event-envelope";
import type { EventType } from "@/lib/events/event-types";
import { logWarn } from "@/lib/log";
import { checkEndpointAddress } from "./endpoint-url";
import { signingSecrets } from "./manage-endpoints";
import { GIVE_UP_AFTER_MS, nextAttemptAt } from "./retry-schedule";
import { signedHeaders } from "./signing";

/** How long Tally waits for a receiver's answer. */
export const DELIVERY_TIMEOUT_MS = 10_000;
/** A claimed attempt's lease: a run that dies mid-attempt is tried again after it. */
const LEASE_SECONDS = 60;
const RESPONSE_KEPT = 2048;

export type AttemptOutcome = "delivered" | "retrying" | "failed" | "skipped";

/**
 * One attempt of one delivery: claims it (due, not delivered, its endpoint enabled), POSTs the signed
 * event, and records the outcome. A non-2xx answer, a timeout or a refused address is a failure:
 * tried again on the retry schedule for 3 days; an endpoint failing that long is disabled and its
 * workspace's owners and admins are emailed. Redirects are not followed (a receiver must answer
 * itself: following one could lead into a private network).
 */
export async function attemptDelivery(db: Db, input: { workspaceId: string; deliveryId: string; now?: Date }): Promise<AttemptOutcome> {
  const now = input.now ?? new Date();
  const [claimed] = await db
    .update(eventDeliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_SECONDS * 1000) })
    .where(
      and(
        eq(eventDeliveries.workspaceId, input.workspaceId),
        eq(eventDeliveries.id, input.deliveryId),
        inArray(eventDeliveries.status, ["pending", "retrying"]),
        lte(eventDeliveries.nextAttemptAt, now),
        sql`EXISTS (SELECT 1 FROM webhook_endpoints w WHERE w.id = ${eventDeliveries.endpointId} AND w.status = 'enabled')`,
      ),
    )
    .returning();
  if (!claimed) return "skipped";
  const [endpoint] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, claimed.endpointId));
  if (!endpoint) return "skipped";

  let body: string;
  let messageId: string;
  if (claimed.eventId) {
    const [event] = await db.select().from(events).where(and(eq(events.workspaceId, input.workspaceId), eq(events.id, claimed.eventId)));
    if (!event) return "skipped";
    messageId = event.id;
    body = JSON.stringify(eventEnvelope({ id: event.id, type: event.type as EventType, data: event.data, createdAt: event.createdAt }));
  } else {
    messageId = claimed.id;
    body = JSON.stringify(claimed.testPayload ?? {});
  }

  const started = Date.now();
  let statusCode: number | null = null;
  let response: string;
  try {
    const url = new URL(endpoint.url);
    await checkEndpointAddress(url);
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Tally-Webhooks/1", ...signedHeaders({ messageId, body, secrets: signingSecrets(endpoint, now), at: now }) },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    statusCode = res.status;
    response = (await res.text().catch(() => "")).slice(0, RESPONSE_KEPT);
  } catch (error) {
    response = describeFailure(error);
  }
  const durationMs = Date.now() - started;
  const ok = statusCode !== null && statusCode >= 200 && statusCode < 300;
  const attempts = claimed.attempts + 1;
  const last = { attempts, lastAttemptAt: now, lastStatusCode: statusCode, lastResponse: response, lastDurationMs: durationMs };

  if (ok) {
    await db.update(eventDeliveries).set({ ...last, status: "delivered" }).where(eq(eventDeliveries.id, claimed.id));
    await db.update(webhookEndpoints).set({ failingSince: null }).where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.failingSince} IS NOT NULL`));
    return "delivered";
  }

  const failingSince = endpoint.failingSince ?? now;
  if (!endpoint.failingSince) await db.update(webhookEndpoints).set({ failingSince: now }).where(and(eq(webhookEndpoints.id, endpoint.id), sql`${webhookEndpoints.failingSince} IS NULL`));
  const endpointDead = now.getTime() - failingSince.getTime() >= GIVE_UP_AFTER_MS;
  const tooOld = now.getTime() - claimed.createdAt.getTime() >= GIVE_UP_AFTER_MS;
  if (endpointDead || tooOld) {
    await db.update(eventDeliveries).set({ ...last, status: "failed" }).where(eq(eventDeliveries.id, claimed.id));
    if (endpointDead) await disableFailingEndpoint(db, endpoint, now);
    return "failed";
  }
  await db
    .update(eventDeliveries)
    .set({ ...last, status: "retrying", nextAttemptAt: nextAttemptAt(attempts, now) })
    .where(eq(eventDeliveries.id, claimed.id));
  return "retrying";
}

function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `No answer within ${DELIVERY_TIMEOUT_MS / 1000} s.`;
  if (error instanceof Error && error.name === "AppError") return error.message;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : null;
  return `Could not connect${cause ? `: ${cause}` : "."}`;
}

/**
 * Disables an endpoint that has failed for 3 days: its deliveries still waiting are marked failed
 * (re-send them once it is fixed), and the workspace's owners and admins are emailed, once.
 */
async function disableFailingEndpoint(db: Db, endpoint: typeof webhookEndpoints.$inferSelect, now: Date) {
  // A sentence for people: when it was disabled is its own field (disabled_at), shown in the brand's zone.
  const reason = "Every delivery failed for 3 days in a row.";
  const [disabled] = await db
    .update(webhookEndpoints)
    .set({ status: "disabled", disabledAt: now, disabledReason: reason })
    .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.status, "enabled")))
    .returning();
  if (!disabled) return; // another attempt disabled it first
  await db
    .update(eventDeliveries)
    .set({ status: "failed" })
    .where(and(eq(eventDeliveries.endpointId, endpoint.id), inArray(eventDeliveries.status, ["pending", "retrying"])));
  logWarn("webhook endpoint disabled after failing for 3 days", { workspace: endpoint.workspaceId, endpoint: endpoint.id });
  for (const a of await workspaceAdmins(db, endpoint.workspaceId)) {
    const link = `${appUrl()}/brand/${a.slug}/developers/webhooks/${endpoint.id}`;
    await queueEmail({
      to: a.email,
      kind: "webhook-endpoint-disabled",
      // once per endpoint and disabling (a retried job sends nothing more)
      cause: `webhook_endpoint:${endpoint.id}:disabled:${now.toISOString()}`,
      workspaceId: endpoint.workspaceId,
      fromName: `Tally for ${a.brand}`,
      subject: `Webhook endpoint disabled: ${endpoint.url}`,
      text: `Tally stopped sending events to ${endpoint.url} (${a.brand}): ${reason}\n\nFix the receiver, turn the endpoint back on and re-send the failed deliveries:\n${link}\n\nEvents are never lost: GET /api/v1/events replays every one of them.`,
      link,
    });
  }
}
