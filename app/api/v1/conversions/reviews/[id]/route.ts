import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { reviewRunJson } from "@/lib/api/v1/reviews";
import { getReviewRunOrThrow } from "@/lib/reviews/get-review-run";

/** A bulk review's progress and outcome. Another workspace's run is a 404. */
export const GET = withApiKey<{ id: string }>(async ({ db, workspace, params }) => {
  const run = await getReviewRunOrThrow(db, { workspaceId: workspace.id, runId: params.id });
  return Response.json({ data: await reviewRunJson(db, run) });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
