import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parsePayoutsQuery, payoutsCursor, ZCreatePayout } from "@/lib/api/v1/payouts";
import { payoutJson } from "@/lib/serializers/payouts";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { createPayout } from "@/lib/payouts/create-payout";
import { getPayoutOrThrow, listPayouts } from "@/lib/payouts/list-payouts";

/** The workspace's payouts, newest first. */
export const GET = withApiKey(async ({ req, db, workspace }) => {
  const q = parsePayoutsQuery(req.nextUrl);
  const { rows, next } = await listPayouts(db, { workspaceId: workspace.id, limit: q.limit, beforeNumber: q.beforeNumber });
  return Response.json({ data: rows.map((p) => payoutJson(p)), next_cursor: payoutsCursor(next) });
});

/** A payout run: 201 with the payout and its items; 409 while a run in that currency is in progress or when nothing is payable. */
export const POST = withApiKey(async ({ req, db, workspace, apiKeyId }) => {
  const body = parseInput(ZCreatePayout, await readJsonBody(req));
  const created = await createPayout(db, {
    workspaceId: workspace.id,
    currency: body.currency,
    cutoff: body.cutoff ? new Date(body.cutoff) : undefined,
    minimumAmountCents: body.minimum_amount,
    actor: { kind: "api_key", id: apiKeyId },
  });
  const { payout, items } = await getPayoutOrThrow(db, { workspaceId: workspace.id, payoutId: created.id });
  return Response.json({ data: payoutJson(payout, items) }, { status: 201 });
});

export const { PUT, PATCH, DELETE } = methodsNotAllowed(["GET", "POST"]);
