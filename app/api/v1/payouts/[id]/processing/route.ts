import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { payoutJson } from "@/lib/serializers/payouts";
import { startPayoutProcessing } from "@/lib/payouts/change-payout";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";

/** The money was sent (the file uploaded, the transfer started): draft → processing. */
export const POST = withApiKey<{ id: string }>(async ({ params, db, workspace, apiKeyId }) => {
  await startPayoutProcessing(db, { workspaceId: workspace.id, payoutId: params.id, actor: { kind: "api_key", id: apiKeyId } });
  const { payout, items } = await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: params.id });
  return Response.json({ data: payoutJson(payout, items) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
