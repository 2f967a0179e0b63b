import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { ZMarkPayoutPaid } from "@/lib/api/v1/payouts";
import { payoutJson } from "@/lib/serializers/payouts";
import { parseInput, readOptionalJsonBody } from "@/lib/api/v1/request";
import { markPayoutPaid } from "@/lib/payouts/change-payout";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";

/** Marks every unpaid item paid, with `reference` (and `item_references` by item id). */
export const POST = withApiKey<{ id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  // Another workspace's (or no) payout is a 404 whatever the body says.
  await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: params.id });
  const body = parseInput(ZMarkPayoutPaid, await readOptionalJsonBody(req));
  await markPayoutPaid(db, { workspaceId: workspace.id, payoutId: params.id, reference: body.reference, itemReferences: body.item_references, actor: { kind: "api_key", id: apiKeyId } });
  const { payout, items } = await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: params.id });
  return Response.json({ data: payoutJson(payout, items) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
