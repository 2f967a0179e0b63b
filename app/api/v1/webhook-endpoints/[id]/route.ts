import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { webhookEndpointJson } from "@/lib/api/v1/webhook-endpoints";
import { currentSecret, deleteWebhookEndpoint, getWebhookEndpointOrThrow, updateWebhookEndpoint } from "@/lib/webhook-endpoints/manage-endpoints";
import { ZUpdateWebhookEndpoint } from "@/lib/webhook-endpoints/schemas";

/** One endpoint, with its signing secret. */
export const GET = withApiKey<{ id: string }>(async ({ params, db, workspace }) => {
  const endpoint = await getWebhookEndpointOrThrow(db, { workspaceId: workspace.id, endpointId: params.id });
  return Response.json({ data: webhookEndpointJson(endpoint, currentSecret(endpoint)) });
});

/** Changes the URL, description or event types; `status` turns it off or back on. */
export const PATCH = withApiKey<{ id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  await getWebhookEndpointOrThrow(db, { workspaceId: workspace.id, endpointId: params.id }); // another workspace's id: 404 before the body is read
  const patch = parseInput(ZUpdateWebhookEndpoint, await readJsonBody(req), { unknownKey: (key) => `Unknown field "${key}": send url, description, event_types or status.` });
  const endpoint = await updateWebhookEndpoint(db, { workspaceId: workspace.id, endpointId: params.id, actor: { kind: "api_key", id: apiKeyId }, patch });
  return Response.json({ data: webhookEndpointJson(endpoint) });
});

/** Removes the endpoint and its delivery history; events stay in GET /events. */
export const DELETE = withApiKey<{ id: string }>(async ({ params, db, workspace, apiKeyId }) => {
  await deleteWebhookEndpoint(db, { workspaceId: workspace.id, endpointId: params.id, actor: { kind: "api_key", id: apiKeyId } });
  return Response.json({ data: { id: params.id, deleted: true } });
});

export const { POST, PUT } = methodsNotAllowed(["GET", "PATCH", "DELETE"]);
