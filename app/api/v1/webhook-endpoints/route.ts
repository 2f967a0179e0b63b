import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { webhookEndpointJson } from "@/lib/api/v1/webhook-endpoints";
import { createWebhookEndpoint, listWebhookEndpoints } from "@/lib/webhook-endpoints/manage-endpoints";
import { ZCreateWebhookEndpoint } from "@/lib/webhook-endpoints/schemas";

/** The workspace's webhook endpoints (at most 20: one page). */
export const GET = withApiKey(async ({ db, workspace }) => {
  const rows = await listWebhookEndpoints(db, workspace.id);
  return Response.json({ data: rows.map((e) => webhookEndpointJson(e)), next_cursor: null });
});

/** Adds an endpoint; the answer carries its signing secret. */
export const POST = withApiKey(async ({ req, db, workspace, apiKeyId }) => {
  const body = parseInput(ZCreateWebhookEndpoint, await readJsonBody(req), { unknownKey: (key) => `Unknown field "${key}": send url, description and event_types.` });
  const { endpoint, secret } = await createWebhookEndpoint(db, { workspaceId: workspace.id, actor: { kind: "api_key", id: apiKeyId }, endpoint: body });
  return Response.json({ data: webhookEndpointJson(endpoint, secret) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
