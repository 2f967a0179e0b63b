import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversions } from "@/db/schema";
import { listSkippedReviewItems, reviewRunCounts, type ReviewRunRow } from "@/lib/reviews/get-review-run";
import { MAX_PICKED, ZReviewDecision, ZReviewReason } from "@/lib/reviews/start-conversion-review";

/**
 * `POST /conversions/reviews` and `GET /conversions/reviews/{id}`: approve or deny many
 * conversions with one reason, as the brand portal's review queue does (lib/reviews), recorded
 * with the API key as the actor.
 */
export const ZReviewBody = z
  .object({
    decision: ZReviewDecision.describe("`approved` or `denied`."),
    reason: ZReviewReason.optional().describe("Why (at most 300 characters). Needed to deny: the creator reads it. Recorded in the ledger entry's note and the audit log."),
    conversion_ids: z
      .array(z.string().min(1).max(100), { required_error: "List the conversions to review.", invalid_type_error: "conversion_ids is an array of conversion ids." })
      .min(1, "List at least one conversion.")
      .max(MAX_PICKED, `At most ${MAX_PICKED} conversions per request.`)
      .describe(`The conversions to decide (\`cnv_…\`), 1–${MAX_PICKED}. Duplicates count once; ids not in this workspace are listed in \`not_found_ids\` and left alone.`),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.decision === "denied" && !b.reason?.trim()) ctx.addIssue({ code: "custom", path: ["reason"], message: "Say why these conversions are denied: the creator sees the reason." });
  });

export const ZReviewRunJson = z.object({
  id: z.string().describe("The review run, `rvw_…`."),
  decision: z.enum(["approved", "denied"]),
  reason: z.string().nullable(),
  status: z.enum(["running", "completed", "failed"]).describe("`running` while conversions are being decided (poll `GET /conversions/reviews/{id}`), then `completed`."),
  total: z.number().int().describe("Conversions of this workspace the run covers."),
  done: z.number().int().describe("How many are decided so far."),
  changed: z.number().int().describe("Moved to the decision (a `status_change` ledger entry when the commission moved)."),
  unchanged: z.number().int().describe("Already in that status."),
  skipped: z.number().int().describe("Could not be decided (awaiting payment, fully refunded, never paid, test order): see `skipped_items`."),
  skipped_items: z
    .array(z.object({ conversion_id: z.string(), order_name: z.string(), reason: z.string().nullable() }))
    .describe("Up to 20 skipped conversions with why (once the run has finished)."),
  not_found_ids: z.array(z.string()).describe("Requested ids that are not conversions of this workspace (only in the answer to the POST)."),
  started_at: z.string().describe("ISO 8601, UTC."),
  finished_at: z.string().nullable(),
});
export type TReviewRunJson = z.infer<typeof ZReviewRunJson>;

/** The requested ids that are not this workspace's conversions (another workspace's are not told apart from unknown ones). */
export async function conversionIdsNotFound(db: Db, workspaceId: string, ids: string[]): Promise<string[]> {
  const found = await db
    .select({ id: conversions.id })
    .from(conversions)
    .where(and(eq(conversions.workspaceId, workspaceId), inArray(conversions.id, ids)));
  const known = new Set(found.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** A review run as API v1 shows it; skipped items are read once it has finished. */
export async function reviewRunJson(db: Db, run: ReviewRunRow, notFoundIds: string[] = []): Promise<TReviewRunJson> {
  const skipped = run.status !== "running" && run.skipped > 0 ? await listSkippedReviewItems(db, { workspaceId: run.workspaceId, runId: run.id, limit: 20 }) : [];
  return {
    ...reviewRunCounts(run),
    reason: run.reason,
    skipped_items: skipped.map((s) => ({ conversion_id: s.conversionId, order_name: s.orderName, reason: s.message })),
    not_found_ids: notFoundIds,
    started_at: run.startedAt.toISOString(),
    finished_at: run.finishedAt?.toISOString() ?? null,
  };
}
