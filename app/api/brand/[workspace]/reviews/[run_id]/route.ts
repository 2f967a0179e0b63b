import { withBrand } from "@/lib/api/with-session";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { getReviewRunOrThrow, reviewRunProgress } from "@/lib/reviews/get-review-run";

/** A bulk review's progress (the conversions page polls it while the run is going). Another workspace's run is a 404. */
export const GET = withBrand<{ workspace: string; run_id: string }>(async ({ db, access, params }) => {
  const run = await getReviewRunOrThrow(db, { workspaceId: access.workspace.id, runId: params.run_id });
  return Response.json(await reviewRunProgress(db, { workspaceId: access.workspace.id, run, withSkipped: run.status !== "running" }));
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
