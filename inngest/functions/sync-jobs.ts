import { getDb } from "@/db/client";
import { resumeStaleSyncRuns, startDueReconciliations } from "@/lib/sync/start-sync";
import { syncRunJob } from "@/lib/sync/sync-job";
import { inngest } from "../client";
import { createJobFunction } from "../create-job-function";

/** Runs a backfill, reconciliation or replay (`sync_runs`), one per workspace at a time. */
export const syncRun = createJobFunction(syncRunJob);

/** Every day at 03:00 UTC: a reconciliation for each workspace with a connected store and a campaign active in the last 90 days. */
export const reconcileWorkspacesDaily = inngest.createFunction(
  { id: "reconcile-workspaces-daily", triggers: [{ cron: "0 3 * * *" }] },
  async ({ step }) => step.run("start-due-reconciliations", async () => startDueReconciliations(await getDb())),
);

/** Safety net: every 10 minutes, hand off runs whose runner stopped moving them (lost event, exhausted retries mid-deploy). */
export const resumeSyncRuns = inngest.createFunction(
  { id: "resume-sync-runs", triggers: [{ cron: "*/10 * * * *" }] },
  async ({ step }) => step.run("resume-stale", async () => resumeStaleSyncRuns(await getDb())),
);
