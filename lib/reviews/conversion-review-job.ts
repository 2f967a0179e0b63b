import { z } from "zod";
import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";
import { advanceConversionReview } from "./advance-conversion-review";

/** One durable step decides conversions for about this long. */
export const REVIEW_CHUNK_MS = 20_000;
const MAX_CHUNKS_PER_EVENT = 500;

/**
 * Decides a big review run (a brand's "deny all 3,000 matching") in the background, in chunks that
 * are each a durable step; progress is the run row, which the conversions page polls. Keyed by
 * workspace, one review at a time, so two overlapping runs never race on the same conversions.
 */
export const conversionReviewJob = defineJob({
  event: "tally/conversions.review",
  id: "conversion-review",
  schema: z.object({ workspaceId: z.string(), runId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  concurrencyLimit: 1,
  retries: 4,
  dedupeKey: (d) => d.runId,
  run: async ({ workspaceId, runId }, step) => {
    for (let chunk = 0; chunk < MAX_CHUNKS_PER_EVENT; chunk++) {
      const result = await step.run(`chunk-${chunk}`, async () => {
        const { done, run } = await advanceConversionReview(await getDb(), { runId, budgetMs: REVIEW_CHUNK_MS });
        return { done, done_count: run.done, total: run.total };
      });
      if (result.done) return result;
    }
    await step.run("continue", async () => enqueue(conversionReviewJob, { workspaceId, runId }));
    return { done: false };
  },
});
