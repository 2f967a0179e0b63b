import { withApiKey } from "@/lib/api/with-api-key";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { parseInput, readJsonBody } from "@/lib/api/v1/request";
import { conversionIdsNotFound, reviewRunJson, ZReviewBody } from "@/lib/api/v1/reviews";
import { reviewConversions } from "@/lib/reviews/review-conversions";

/**
 * Approve or deny many conversions with one reason, recorded with this API key as the actor. Up to
 * 100 are decided in the request (200); more run in the background (202: poll the run).
 */
export const POST = withApiKey(async ({ req, db, workspace, apiKeyId }) => {
  const body = parseInput(ZReviewBody, await readJsonBody(req));
  const ids = [...new Set(body.conversion_ids)];
  const notFound = await conversionIdsNotFound(db, workspace.id, ids);
  const run = await reviewConversions(db, {
    workspaceId: workspace.id,
    actor: { kind: "api_key", id: apiKeyId },
    decision: body.decision,
    reason: body.reason,
    conversionIds: ids,
    timeZone: "UTC",
  });
  return Response.json({ data: await reviewRunJson(db, run, notFound) }, { status: run.status === "running" ? 202 : 200 });
});

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
