import { withApiKey } from "@/lib/api/with-api-key";
import { page, parseListQuery } from "@/lib/api/v1/pagination";
import { creatorJson } from "@/lib/api/v1/serializers";
import { listWorkspaceCreatorsPage } from "@/lib/creators/list-workspace-creators-page";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApiKey(async ({ req, db, workspace }) => {
  const { limit, after } = parseListQuery(req.nextUrl);
  const rows = await listWorkspaceCreatorsPage(db, { workspaceId: workspace.id, limit, after });
  return Response.json(page(rows, limit, (r) => r.id, creatorJson));
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
