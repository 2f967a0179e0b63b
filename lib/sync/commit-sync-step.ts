import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { syncRuns } from "@/db/schema";
import type { SyncHooks, SyncRun } from "./sync-run";

export type CommitWrite = {
  cursor: Record<string, unknown>;
  counts?: Record<string, number>;
  progress?: { done: number; total: number };
  complete?: boolean;
};

/**
 * One transaction: locks the run, checks that its cursor is still at `seq` (else another runner
 * moved it: nothing is written and false is returned), runs `effects`, and stores what they return
 * with `seq + 1`.
 */
export async function commitSyncStep(
  db: Db,
  runId: string,
  seq: number,
  effects: (tx: Db, run: SyncRun) => Promise<CommitWrite>,
  hooks?: SyncHooks,
): Promise<boolean> {
  const ok = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, runId)).for("update");
    const stored = (run?.cursor ?? {}) as { seq?: unknown };
    if (!run || run.status !== "running" || (typeof stored.seq === "number" ? stored.seq : 0) !== seq) return false;
    const write = await effects(tx, run);
    await hooks?.beforeCommit?.({ runId, seq });
    await tx
      .update(syncRuns)
      .set({
        cursor: { ...write.cursor, seq: seq + 1, failures: 0 },
        ...(write.counts ? { counts: write.counts } : {}),
        ...(write.progress ? { progress: write.progress } : {}),
        error: null,
        ...(write.complete ? { status: "completed" as const, finishedAt: new Date() } : {}),
      })
      .where(eq(syncRuns.id, runId));
    return true;
  });
  if (ok) await hooks?.afterCommit?.({ runId, seq });
  return ok;
}

/** A finished run's progress: all done. */
export const finalProgress = (p: { done: number; total: number }) => {
  const n = Math.max(p.done, p.total);
  return { done: n, total: n };
};
