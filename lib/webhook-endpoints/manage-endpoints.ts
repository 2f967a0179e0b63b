import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { sequenceEvents } from "@/lib/events/sequence-events";
import { decryptSecret, encryptSecret } from "@/lib/shopify/crypto";
import { checkEndpointAddress, parseEndpointUrl } from "./endpoint-url";
import type { TCreateWebhookEndpoint, TUpdateWebhookEndpoint } from "./schemas";
import { newSigningSecret } from "./signing";

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export const MAX_ENDPOINTS_PER_WORKSPACE = 20;
/** How long the previous secret keeps signing after a rotation. */
export const PREVIOUS_SECRET_HOURS = 24;

async function checkedUrl(raw: string): Promise<string> {
  const url = parseEndpointUrl(raw);
  await checkEndpointAddress(url);
  return url.toString();
}

/** The endpoints of a workspace, oldest first. */
export function listWebhookEndpoints(db: Db, workspaceId: string): Promise<WebhookEndpointRow[]> {
  return db.select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)).orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function getWebhookEndpointOrThrow(db: Db, input: { workspaceId: string; endpointId: string }): Promise<WebhookEndpointRow> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, input.endpointId)));
  if (!row) throw new AppError("not_found", "Webhook endpoint not found.");
  return row;
}

/** The secrets that sign now: the current one, and the previous one while it is still valid. */
export function signingSecrets(e: WebhookEndpointRow, now: Date = new Date()): string[] {
  const secrets = [decryptSecret(e.secretEnc)];
  if (e.previousSecretEnc && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now) secrets.push(decryptSecret(e.previousSecretEnc));
  return secrets;
}

export const currentSecret = (e: WebhookEndpointRow) => decryptSecret(e.secretEnc);

/** Adds an endpoint: it receives the events written from now on. Returns it with its secret. */
export async function createWebhookEndpoint(db: Db, input: { workspaceId: string; actor: Actor; endpoint: TCreateWebhookEndpoint }) {
  const url = await checkedUrl(input.endpoint.url);
  const [{ n }] = (await queryRows<{ n: string }>(db, sql`SELECT count(*)::text AS n FROM webhook_endpoints WHERE workspace_id = ${input.workspaceId}`)) as [{ n: string }];
  if (Number(n) >= MAX_ENDPOINTS_PER_WORKSPACE) throw new AppError("conflict", `A workspace has at most ${MAX_ENDPOINTS_PER_WORKSPACE} webhook endpoints: remove one first.`);
  await sequenceEvents(db);
  const [last] = await queryRows<{ p: string | null }>(db, sql`SELECT max(position)::text AS p FROM events WHERE workspace_id = ${input.workspaceId}`);
  const secret = newSigningSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      workspaceId: input.workspaceId,
      url,
      description: input.endpoint.description ?? null,
      eventTypes: input.endpoint.event_types,
      secretEnc: encryptSecret(secret),
      dispatchedThrough: Number(last?.p ?? 0),
    })
    .returning();
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "webhook_endpoint.created", targetType: "webhook_endpoint", targetId: row!.id, data: { url } });
  return { endpoint: row!, secret };
}

export async function updateWebhookEndpoint(db: Db, input: { workspaceId: string; endpointId: string; actor: Actor; patch: TUpdateWebhookEndpoint }) {
  const current = await getWebhookEndpointOrThrow(db, input);
  const { patch } = input;
  const url = patch.url !== undefined ? await checkedUrl(patch.url) : undefined;
  const enabling = patch.status === "enabled" && current.status === "disabled";
  const [row] = await db
    .update(webhookEndpoints)
    .set({
      ...(url !== undefined ? { url } : {}),
      ...(patch.description !== undefined ? { description: patch.description ?? null } : {}),
      ...(patch.event_types !== undefined ? { eventTypes: patch.event_types } : {}),
      ...(patch.status === "disabled" && current.status === "enabled" ? { status: "disabled" as const, disabledAt: new Date(), disabledReason: "Disabled by the brand." } : {}),
      ...(enabling ? { status: "enabled" as const, disabledAt: null, disabledReason: null, failingSince: null } : {}),
    })
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, input.endpointId)))
    .returning();
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: "webhook_endpoint.updated",
    targetType: "webhook_endpoint",
    targetId: current.id,
    data: { url, event_types: patch.event_types, status: patch.status },
  });
  return row!;
}

export async function deleteWebhookEndpoint(db: Db, input: { workspaceId: string; endpointId: string; actor: Actor }) {
  const current = await getWebhookEndpointOrThrow(db, input);
  await db.delete(webhookEndpoints).where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, current.id)));
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "webhook_endpoint.deleted", targetType: "webhook_endpoint", targetId: current.id, data: { url: current.url } });
}

/** A new secret signs from now on; the previous one also signs for 24 h. Returns the new secret. */
export async function rotateWebhookSecret(db: Db, input: { workspaceId: string; endpointId: string; actor: Actor; now?: Date }) {
  const current = await getWebhookEndpointOrThrow(db, input);
  const now = input.now ?? new Date();
  const secret = newSigningSecret();
  const [row] = await db
    .update(webhookEndpoints)
    .set({ secretEnc: encryptSecret(secret), previousSecretEnc: current.secretEnc, previousSecretExpiresAt: new Date(now.getTime() + PREVIOUS_SECRET_HOURS * 3600_000) })
    .where(and(eq(webhookEndpoints.workspaceId, input.workspaceId), eq(webhookEndpoints.id, current.id)))
    .returning();
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: "webhook_endpoint.secret_rotated", targetType: "webhook_endpoint", targetId: current.id });
  return { endpoint: row!, secret };
}
