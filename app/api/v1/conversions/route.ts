import { withApiKey } from "@/lib/api/with-api-key";
import { encodeConversionsCursor, listConversionsPage, parseConversionsQuery } from "@/lib/api/v1/conversions";
import { conversionJson } from "@/lib/api/v1/serializers";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** The workspace's conversions, oldest `updated_at` first: page with `cursor`, sync with `updated_since`. */
export const GET = withApiKey(async ({ req, db, workspace }) => {
  const query = parseConversionsQuery(req.nextUrl);
  const { rows, next } = await listConversionsPage(db, { workspaceId: workspace.id, ...query });
  return Response.json({ data: rows.map(conversionJson), next_cursor: next ? encodeConversionsCursor(next) : null });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
