import { withApiKey } from "@/lib/api/with-api-key";
import { encodeConversionsCursor, listConversionsPage, parseConversionsQuery } from "@/lib/api/v1/conversions";
import { conversionJson } from "@/lib/api/v1/serializers";
import { getConversionPayoutStates } from "@/lib/payouts/conversion-payout-states";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** The workspace's conversions, oldest `updated_at` first: page with `cursor`, sync with `updated_since`. */
export const GET = withApiKey(async ({ req, db, workspace }) => {
  const query = parseConversionsQuery(req.nextUrl);
  const { rows, next } = await listConversionsPage(db, { workspaceId: workspace.id, ...query });
  const payout = await getConversionPayoutStates(db, { workspaceId: workspace.id, conversionIds: rows.map((r) => r.id) });
  const data = rows.map((r) => {
    const p = payout.get(r.id);
    return conversionJson(r, { payableAt: p?.payableAt ?? null, paidAmount: p?.paid ?? 0 });
  });
  return Response.json({ data, next_cursor: next ? encodeConversionsCursor(next) : null });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
