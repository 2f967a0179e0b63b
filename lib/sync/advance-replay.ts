import { and, asc, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { processDelivery } from "@/lib/webhooks/process-delivery";
import { commitSyncStep, finalProgress } from "./commit-sync-step";
import { addCounts, replayCursor, type ReplayCursor } from "./cursor";
import type { AdvanceResult, SyncHooks, SyncRun } from "./sync-run";

/** Deliveries replayed between two cursor saves. */
const REPLAY_BATCH = 25;

/** received_at at full (microsecond) precision, for the keyset. */
const receivedAtText = sql<string>`to_char(${webhookDeliveries.receivedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A replay step: the run's window of stored deliveries, back through processing in batches, until `deadline`. */
export async function advanceReplay(db: Db, run: SyncRun, deadline: number, hooks?: SyncHooks): Promise<AdvanceResult> {
  let cursor: ReplayCursor = replayCursor(run.cursor);
  const inWindow = and(eq(webhookDeliveries.workspaceId, run.workspaceId), gte(webhookDeliveries.receivedAt, run.fromAt), lt(webhookDeliveries.receivedAt, run.toAt));

  if (cursor.total === null) {
    const [row] = await db.select({ n: count() }).from(webhookDeliveries).where(inWindow);
    const counted: ReplayCursor = { ...cursor, total: row?.n ?? 0 };
    const ok = await commitSyncStep(db, run.id, cursor.seq, async () => ({ cursor: counted, progress: { done: 0, total: counted.total! } }));
    if (!ok) return { done: true, status: "running" };
    cursor = { ...counted, seq: cursor.seq + 1, failures: 0 };
  }

  for (;;) {
    if (Date.now() >= deadline) return { done: false, status: "running" };
    const after =
      cursor.afterReceivedAt && cursor.afterId
        ? sql`(${webhookDeliveries.receivedAt}, ${webhookDeliveries.id}) > (${cursor.afterReceivedAt}::timestamptz, ${cursor.afterId})`
        : undefined;
    const batch = await db
      .select({ id: webhookDeliveries.id, receivedAt: receivedAtText })
      .from(webhookDeliveries)
      .where(and(inWindow, after))
      .orderBy(asc(webhookDeliveries.receivedAt), asc(webhookDeliveries.id))
      .limit(REPLAY_BATCH);
    if (batch.length === 0) {
      const ok = await commitSyncStep(db, run.id, cursor.seq, async (_tx, locked) => ({ cursor, progress: finalProgress(locked.progress), complete: true }));
      return { done: true, status: ok ? "completed" : "running" };
    }
    const batchCounts = { deliveriesReplayed: 0, deliveriesIgnored: 0, deliveriesSkipped: 0, deliveriesFailed: 0 };
    for (const d of batch) {
      // Back to `received` (a delivery being processed right now is left to its runner), then the normal path.
      await db
        .update(webhookDeliveries)
        .set({ status: "received" })
        .where(and(eq(webhookDeliveries.id, d.id), inArray(webhookDeliveries.status, ["processed", "failed", "ignored"])));
      try {
        const { outcome } = await processDelivery(db, d.id);
        if (outcome === "processed") batchCounts.deliveriesReplayed++;
        else if (outcome === "ignored") batchCounts.deliveriesIgnored++;
        else if (outcome === "failed") batchCounts.deliveriesFailed++;
        else batchCounts.deliveriesSkipped++;
      } catch {
        // processDelivery recorded the error on the delivery (Deliveries page); the replay goes on.
        batchCounts.deliveriesFailed++;
      }
    }
    const last = batch[batch.length - 1]!;
    const next: ReplayCursor = { ...cursor, afterReceivedAt: last.receivedAt, afterId: last.id };
    const ok = await commitSyncStep(
      db,
      run.id,
      cursor.seq,
      async (_tx, locked) => {
        const counts = addCounts(locked.counts, batchCounts);
        return { cursor: next, counts, progress: { done: Math.min(locked.progress.done + batch.length, locked.progress.total), total: locked.progress.total } };
      },
      hooks,
    );
    if (!ok) return { done: true, status: "running" };
    cursor = { ...next, seq: cursor.seq + 1, failures: 0 };
  }
}
