import { withBrand } from "@/lib/api/with-session";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { getPayoutRunOrThrow } from "@/lib/payouts/payout-runs";

/** A payout run's progress, polled by the payouts page (404 for another workspace's run). */
export const GET = withBrand<{ workspace: string; run_id: string }>(async ({ db, access, params }) => {
  const run = await getPayoutRunOrThrow(db, { workspaceId: access.workspace.id, runId: params.run_id });
  return Response.json({ data: run }, { headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
