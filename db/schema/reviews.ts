import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { actorKind } from "./audit-log";
import { belongsTo, createdAt, id, requiredRef, tstz, updatedAt } from "./columns";
import { conversions } from "./conversions";
import { workspaces } from "./workspaces";

export const reviewRunStatus = pgEnum("review_run_status", ["running", "completed", "failed"]);
export const reviewDecision = pgEnum("review_decision", ["approved", "denied"]);
export const reviewItemOutcome = pgEnum("review_item_outcome", ["changed", "unchanged", "skipped"]);

/**
 * A brand's decision over many conversions at once (a selection, or "all N matching" a filter):
 * approve or deny, with one reason. The conversions it covers are fixed when it starts
 * (`review_run_items`), so conversions that arrive later are not swept in. Each item is decided
 * once, through lib/attribution/change-conversion-status.ts (ledger entry + audit per conversion),
 * and its outcome is written in the same transaction: a run that is retried or resumed skips what
 * it already did. Progress is `done` of `total`, readable by any instance.
 */
export const reviewRuns = pgTable(
  "review_runs",
  {
    id: id("reviewRun"),
    workspaceId: belongsTo(() => workspaces.id),
    decision: reviewDecision().notNull(),
    reason: text(),
    actorKind: actorKind().notNull(),
    actorId: text(),
    /** The filter query when the brand chose "all matching" (null for a hand-picked selection). */
    filters: jsonb().$type<Record<string, string>>(),
    status: reviewRunStatus().notNull().default("running"),
    total: integer().notNull().default(0),
    done: integer().notNull().default(0),
    changed: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    skipped: integer().notNull().default(0),
    error: text(),
    startedAt: createdAt(),
    finishedAt: tstz(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // the conversions page's recent runs: WHERE workspace_id = $1 ORDER BY started_at DESC
    index("review_runs_workspace_started_idx").on(t.workspaceId, t.startedAt.desc()),
  ],
);

/** The conversions a review run covers, and what became of each (null: not decided yet). */
export const reviewRunItems = pgTable(
  "review_run_items",
  {
    runId: belongsTo(() => reviewRuns.id),
    conversionId: requiredRef(() => conversions.id),
    outcome: reviewItemOutcome(),
    /** Why an item was skipped, in the brand's words (e.g. "awaiting payment"). */
    message: text(),
  },
  (t) => [
    primaryKey({ columns: [t.runId, t.conversionId] }),
    // the job's next batch: WHERE run_id = $1 AND outcome IS NULL ORDER BY conversion_id LIMIT n
    index("review_run_items_open_idx").on(t.runId, t.conversionId).where(sql`${t.outcome} is null`),
  ],
);
