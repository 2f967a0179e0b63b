import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { sendTestMessage } from "@/lib/webhook-endpoints/resend-deliveries";

/** Sends a signed `webhook.test` message to the endpoint (delivered in the background like any event). */
export const POST = withApiKey<{ id: string }>(async ({ params, db, workspace, apiKeyId }) => {
  const deliveryId = await sendTestMessage(db, { workspaceId: workspace.id, endpointId: params.id, actor: { kind: "api_key", id: apiKeyId } });
  return Response.json({ data: { delivery_id: deliveryId } }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
