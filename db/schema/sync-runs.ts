import { index, jsonb, pgEnum, pgTable, text } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, tstz, updatedAt } from "./columns";
import { campaigns } from "./campaigns";
import { workspaces } from "./workspaces";

export const syncRunKind = pgEnum("sync_run_kind", ["backfill", "reconcile", "replay"]);
export const syncRunStatus = pgEnum("sync_run_status", ["running", "completed", "failed"]);

/**
 * A long job over Shopify's orders (90-day backfill, reconciliation, replay of stored deliveries):
 * its progress and counts, and where to resume (`cursor`) after a crash. Progress lives here, not
 * in an instance's memory, so any instance can show it and resume it.
 */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: id("syncRun"),
    workspaceId: belongsTo(() => workspaces.id),
    kind: syncRunKind().notNull(),
    campaignId: text().references(() => campaigns.id),
    status: syncRunStatus().notNull().default("running"),
    /** The period covered: orders created (backfill) or deliveries received (replay) in [from, to). */
    fromAt: tstz().notNull(),
    toAt: tstz().notNull(),
    /** Where to resume: e.g. the current date window and the GraphQL page cursor within it. */
    cursor: jsonb().$type<Record<string, unknown>>(),
    /** ordersScanned, refundsApplied, conversionsAdded, differencesFound, amountCorrectedCents, deliveriesReplayed… */
    counts: jsonb().$type<Record<string, number>>().notNull().default({}),
    /** Windows done / total, for the progress bar. */
    progress: jsonb().$type<{ done: number; total: number }>().notNull().default({ done: 0, total: 0 }),
    error: text(),
    startedAt: createdAt(),
    finishedAt: tstz(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // settings page and the job itself: the runs of a workspace, newest first
    index("sync_runs_workspace_started_idx").on(t.workspaceId, t.startedAt.desc()),
  ],
);
