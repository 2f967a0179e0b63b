import { withApiKey } from "@/lib/api/with-api-key";
import { creatorJson } from "@/lib/api/v1/serializers";
import { getWorkspaceCreatorOrThrow } from "@/lib/creators/list-workspace-creators";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";

export const GET = withApiKey<{ creator_id: string }>(async ({ params, db, workspace }) => {
  const creator = await getWorkspaceCreatorOrThrow(db, { workspaceId: workspace.id, creatorId: params.creator_id });
  return Response.json({ data: creatorJson({ ...creator, createdAt: creator.joinedAt }) });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
