import { withApiKey } from "@/lib/api/with-api-key";
import { page, parseListQuery } from "@/lib/api/v1/pagination";
import { creatorJson } from "@/lib/api/v1/serializers";
import { listWorkspaceCreatorsPage } from "@/lib/creators/list-workspace-creators-page";

export const GET = withApiKey(async ({ req, db, workspace }) => {
  const { limit, after } = parseListQuery(req.nextUrl);
  const rows = await listWorkspaceCreatorsPage(db, { workspaceId: workspace.id, limit, after });
  return Response.json(page(rows, limit, (r) => r.id, creatorJson));
});
