import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { webhookEndpointJson } from "@/lib/api/v1/webhook-endpoints";
import { rotateWebhookSecret } from "@/lib/webhook-endpoints/manage-endpoints";

/** A new signing secret; the previous one keeps signing for 24 h. */
export const POST = withApiKey<{ id: string }>(async ({ params, db, workspace, apiKeyId }) => {
  const { endpoint, secret } = await rotateWebhookSecret(db, { workspaceId: workspace.id, endpointId: params.id, actor: { kind: "api_key", id: apiKeyId } });
  return Response.json({ data: webhookEndpointJson(endpoint, secret) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
