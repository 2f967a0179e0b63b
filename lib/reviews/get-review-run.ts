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
