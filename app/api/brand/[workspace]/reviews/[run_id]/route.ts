import { withBrand } from "@/lib/api/with-session";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { getReviewRunOrThrow, listSkippedReviewItems } from "@/lib/reviews/get-review-run";

/** A bulk review's progress (the conversions page polls it while the run is going). Another workspace's run is a 404. */
export const GET = withBrand<{ workspace: string; run_id: string }>(async ({ db, access, params }) => {
  const run = await getReviewRunOrThrow(db, { workspaceId: access.workspace.id, runId: params.run_id });
  const skippedItems = run.status !== "running" && run.skipped ? await listSkippedReviewItems(db, { workspaceId: access.workspace.id, runId: run.id, limit: 10 }) : [];
  return Response.json({
    id: run.id,
    decision: run.decision,
    status: run.status,
    total: run.total,
    done: run.done,
    changed: run.changed,
    unchanged: run.unchanged,
    skipped: run.skipped,
    skippedItems: skippedItems.map((s) => ({ orderName: s.orderName, orderId: s.orderId, message: s.message })),
  });
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
