import { AppError } from "@/lib/errors";
import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { ZFailPayoutItem } from "@/lib/api/v1/payouts";
import { payoutItemJson } from "@/lib/serializers/payouts";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { failPayoutItem } from "@/lib/payouts/change-payout";
import { getPayoutOrThrow } from "@/lib/payouts/list-payouts";

/** One item could not be paid: it fails with the reason, and its entries are payable again. */
export const POST = withApiKey<{ id: string; item_id: string }>(async ({ req, params, db, workspace, apiKeyId }) => {
  // Another workspace's (or no) payout or item is a 404 whatever the body says.
  const found = await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: params.id });
  if (!found.items.some((i) => i.id === params.item_id)) throw new AppError("not_found", "Payout item not found.");
  const body = parseInput(ZFailPayoutItem, await readJsonBody(req));
  await failPayoutItem(db, { workspaceId: workspace.id, payoutId: params.id, itemId: params.item_id, reason: body.reason, actor: { kind: "api_key", id: apiKeyId } });
  const { items } = await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: params.id });
  return Response.json({ data: payoutItemJson(items.find((i) => i.id === params.item_id)!) });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
