import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { balanceJson } from "@/lib/api/v1/payouts";
import { getWorkspaceCreatorOrThrow } from "@/lib/creators/list-workspace-creators";
import { getBalances } from "@/lib/payouts/get-balances";

/** A creator's balances with this workspace, per currency, derived from the ledger. */
export const GET = withApiKey<{ creator_id: string }>(async ({ params, db, workspace }) => {
  const creator = await getWorkspaceCreatorOrThrow(db, { workspaceId: workspace.id, creatorId: params.creator_id });
  const balances = await getBalances(db, { workspaceId: workspace.id, creatorId: creator.id });
  return Response.json({ creator_id: creator.id, balances: balances.map(balanceJson) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
