import { withBrand } from "@/lib/api/with-session";
import { getWorkspaceResults } from "@/lib/dashboard/get-workspace-results";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

/** The overview's campaigns and top creators (polled by TanStack Query). */
export const GET = withBrand(async ({ db, access }) => {
  return Response.json(await getWorkspaceResults(db, { workspaceId: access.workspace.id }), { headers: { "cache-control": "no-store" } });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
