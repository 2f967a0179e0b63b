import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { describeSyncFailure } from "./describe-sync-failure";
import type { AdvanceResult } from "./sync-run";

/** Consecutive failed attempts after which a run is marked failed (the job's retries + 1). */
export const MAX_ATTEMPTS = 5;

function isPermanent(error: unknown): boolean {
  if (error instanceof AppError) return true;
  if (error instanceof ShopifyApiError) return error.kind === "graphql" || error.kind === "unauthorized" || error.kind === "invalid_response";
  return false;
}

/**
 * Records a failed step on its run: failed at once for errors a retry cannot fix (store disconnected,
 * access denied) or after MAX_ATTEMPTS consecutive failures; otherwise rethrown for the job runner to retry.
 */
export async function recordSyncFailure(db: Db, runId: string, error: unknown): Promise<AdvanceResult> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run || run.status !== "running") throw error;
  const cursor = (run.cursor ?? {}) as Record<string, unknown>;
  const failures = (typeof cursor.failures === "number" ? cursor.failures : 0) + 1;
  if (isPermanent(error) || failures >= MAX_ATTEMPTS) {
    await db
      .update(syncRuns)
      .set({ status: "failed", error: describeSyncFailure(error, { attempt: failures, maxAttempts: MAX_ATTEMPTS, final: true }), finishedAt: new Date(), cursor: { ...cursor, failures } })
      .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
    return { done: true, status: "failed" };
  }
  await db
    .update(syncRuns)
    .set({ error: describeSyncFailure(error, { attempt: failures, maxAttempts: MAX_ATTEMPTS, final: false }), cursor: { ...cursor, failures } })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
  throw error;
}
