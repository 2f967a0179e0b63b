import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, reviewRunItems, reviewRuns } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type ReviewRunRow = typeof reviewRuns.$inferSelect;

/** A review run of this workspace (another workspace's id is not found). */
export async function getReviewRunOrThrow(db: Db, input: { workspaceId: string; runId: string }): Promise<ReviewRunRow> {
  const [run] = await db.select().from(reviewRuns).where(and(eq(reviewRuns.workspaceId, input.workspaceId), eq(reviewRuns.id, input.runId)));
  if (!run) throw new AppError("not_found", "Review run not found.");
  return run;
}

/** The items a run skipped, with why (first 20): what the brand still has to look at. */
export async function listSkippedReviewItems(db: Db, input: { workspaceId: string; runId: string; limit?: number }) {
  return db
    .select({ conversionId: reviewRunItems.conversionId, orderName: conversions.orderName, orderId: conversions.orderId, message: reviewRunItems.message })
    .from(reviewRunItems)
    .innerJoin(reviewRuns, eq(reviewRuns.id, reviewRunItems.runId))
    .innerJoin(conversions, eq(conversions.id, reviewRunItems.conversionId))
    .where(and(eq(reviewRuns.workspaceId, input.workspaceId), eq(reviewRunItems.runId, input.runId), eq(reviewRunItems.outcome, "skipped"), isNotNull(reviewRunItems.message)))
    .limit(input.limit ?? 20);
}

/** The workspace's latest review runs, newest first (index review_runs_workspace_started_idx). */
export async function listRecentReviewRuns(db: Db, input: { workspaceId: string; limit?: number }) {
  return db.select().from(reviewRuns).where(eq(reviewRuns.workspaceId, input.workspaceId)).orderBy(desc(reviewRuns.startedAt)).limit(input.limit ?? 5);
}

/** What every view of a run shows: its decision, status and counts (one-word fields, the same in the portal and API v1). */
export function reviewRunCounts(run: ReviewRunRow) {
  return {
    id: run.id,
    decision: run.decision,
    status: run.status,
    total: run.total,
    done: run.done,
    changed: run.changed,
    unchanged: run.unchanged,
    skipped: run.skipped,
  };
}

/**
 * A run's progress as the conversions page reads it (the start action's answer and the polled route),
 * with the first ten skipped items when `withSkipped` and the run skipped any.
 */
export async function reviewRunProgress(db: Db, input: { workspaceId: string; run: ReviewRunRow; withSkipped: boolean }) {
  const { run } = input;
  const skippedItems = input.withSkipped && run.skipped ? await listSkippedReviewItems(db, { workspaceId: input.workspaceId, runId: run.id, limit: 10 }) : [];
  return {
    ...reviewRunCounts(run),
    skippedItems: skippedItems.map((s) => ({ orderName: s.orderName, orderId: s.orderId, message: s.message })),
  };
}
