import { z } from "zod";
import { getDb } from "@/db/client";
import { defineJob } from "@/lib/jobs/define-job";
import { enqueue } from "@/lib/jobs/enqueue";
import { advanceSyncRun } from "./run-sync";

/** One durable step moves a run for about this long (well inside serverless function limits). */
export const SYNC_CHUNK_MS = 25_000;
/** Inngest allows ~1,000 steps per run: past this many chunks, the run continues in a fresh event. */
const MAX_CHUNKS_PER_EVENT = 500;

/**
 * Runs one `sync_runs` row (backfill, reconciliation or replay) to its end, in chunks of about 25 s,
 * each a durable step. The run's cursor lives in Postgres, so a retried step, a restarted process or
 * a fresh event continues where the last committed page left off. Keyed by workspace with a limit of
 * 1: one sync job per workspace at a time (the others queue), whatever their kind.
 */
export const syncRunJob = defineJob({
  event: "tally/sync.run",
  id: "sync-run",
  schema: z.object({ workspaceId: z.string(), runId: z.string() }),
  concurrencyKey: (d) => d.workspaceId,
  concurrencyLimit: 1,
  retries: 4,
  run: async ({ workspaceId, runId }, step) => {
    for (let chunk = 0; chunk < MAX_CHUNKS_PER_EVENT; chunk++) {
      const result = await step.run(`chunk-${chunk}`, async () => advanceSyncRun(await getDb(), { runId, budgetMs: SYNC_CHUNK_MS }));
      if (result.done) return result;
    }
    await step.run("continue", async () => enqueue(syncRunJob, { workspaceId, runId }));
    return { done: false, status: "running" as const };
  },
});
