import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, syncRuns } from "@/db/schema";
import { AppError } from "@/lib/errors";

type SyncRun = typeof syncRuns.$inferSelect;
type Kind = SyncRun["kind"];

export type SyncRunView = {
  id: string;
  kind: Kind;
  status: SyncRun["status"];
  campaignId: string | null;
  campaignName: string | null;
  from: string;
  to: string;
  counts: Record<string, number>;
  progress: { done: number; total: number };
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
  updatedAt: string;
};

/** The workspace's latest runs, newest first, ready for JSON (the sync panel and its route). */
export async function listSyncRuns(db: Db, input: { workspaceId: string; limit?: number }): Promise<SyncRunView[]> {
  const rows = await db
    .select({ run: syncRuns, campaignName: campaigns.name })
    .from(syncRuns)
    .leftJoin(campaigns, eq(campaigns.id, syncRuns.campaignId))
    .where(eq(syncRuns.workspaceId, input.workspaceId))
    .orderBy(desc(syncRuns.startedAt))
    .limit(Math.min(Math.max(input.limit ?? 10, 1), 50));
  return rows.map(({ run, campaignName }) => ({
    id: run.id,
    kind: run.kind,
    status: run.status,
    campaignId: run.campaignId,
    campaignName: campaignName ?? null,
    from: run.fromAt.toISOString(),
    to: run.toAt.toISOString(),
    counts: run.counts,
    progress: run.progress,
    error: run.error,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    updatedAt: run.updatedAt.toISOString(),
  }));
}

/** One run of the workspace (404 for another workspace's). */
export async function getSyncRun(db: Db, input: { workspaceId: string; runId: string }): Promise<SyncRun> {
  const [run] = await db.select().from(syncRuns).where(and(eq(syncRuns.workspaceId, input.workspaceId), eq(syncRuns.id, input.runId)));
  if (!run) throw new AppError("not_found", "Run not found.");
  return run;
}
