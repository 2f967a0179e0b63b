import type { Db } from "@/db/client";
import { enqueue } from "@/lib/jobs/enqueue";
import { advanceConversionReview } from "./advance-conversion-review";
import { conversionReviewJob } from "./conversion-review-job";
import { startConversionReview, type StartConversionReview } from "./start-conversion-review";

/** Up to this many conversions are decided in the request itself; more run as a job with progress. */
export const INLINE_REVIEW_LIMIT = 100;

/**
 * Approve or deny many conversions: starts the run, then decides a small one at once (the brand
 * sees the result on the next render) or hands a big one to the background job, whose progress the
 * page polls. Either way every conversion goes through the one status-change rule.
 */
export async function reviewConversions(db: Db, input: StartConversionReview) {
  const run = await startConversionReview(db, input);
  if (run.total <= INLINE_REVIEW_LIMIT) return (await advanceConversionReview(db, { runId: run.id })).run;
  await enqueue(conversionReviewJob, { workspaceId: run.workspaceId, runId: run.id }, { id: `conversion-review-${run.id}` });
  return run;
}
