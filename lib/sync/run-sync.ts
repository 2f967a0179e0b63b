import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import { advanceOrders } from "./advance-orders";
import { advanceReplay } from "./advance-replay";
import { syncHooksForTests, type AdvanceResult, type SyncHooks } from "./sync-run";
import { recordSyncFailure } from "./sync-run-failure";

/**
 * Moves a run forward for about `budgetMs` (one durable step of the job), page by page: each page's
 * effects, cursor, counts and progress commit in one transaction, so a crash loses at most the page
 * in flight and a re-run continues from the stored cursor (re-applying a page is idempotent anyway).
 * A failure is recorded on the run and rethrown for the job runner to retry; after MAX_ATTEMPTS
 * consecutive failures, or at once for errors a retry cannot fix (store disconnected, access
 * denied), the run is marked failed and the error shown to the brand.
 */
export async function advanceSyncRun(db: Db, input: { runId: string; budgetMs?: number; hooks?: SyncHooks }): Promise<AdvanceResult> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, input.runId));
  if (!run) return { done: true, status: "missing" };
  if (run.status !== "running") return { done: true, status: run.status };
  const deadline = Date.now() + (input.budgetMs ?? 25_000);
  const hooks = input.hooks ?? syncHooksForTests();
  try {
    if (run.kind === "replay") return await advanceReplay(db, run, deadline, hooks);
    return await advanceOrders(db, run, deadline, hooks);
  } catch (error) {
    return recordSyncFailure(db, run.id, error);
  }
}
