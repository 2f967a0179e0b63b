import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { payoutJson } from "@/lib/serializers/payouts";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";

export const GET = withApiKey<{ id: string }>(async ({ params, db, workspace }) => {
  const { payout, items } = await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: params.id });
  return Response.json({ data: payoutJson(payout, items) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
