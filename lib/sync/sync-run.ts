import type { syncRuns } from "@/db/schema";

/** A backfill, reconciliation or replay run, as stored. */
export type SyncRun = typeof syncRuns.$inferSelect;

/** `done`: this runner should stop (finished, failed, gone, or another runner owns the run). */
export type AdvanceResult = { done: boolean; status: SyncRun["status"] | "missing" };

/** Test seams: throwing from one simulates a crash at that point. */
export type SyncHooks = {
  /** Inside a page's transaction, after its effects and before its cursor: a throw loses exactly this page. */
  beforeCommit?: (page: { runId: string; seq: number }) => void | Promise<void>;
  /** After a page (and its cursor) committed. */
  afterCommit?: (page: { runId: string; seq: number }) => void | Promise<void>;
};

let hooksForTests: SyncHooks | undefined;
/** Test helper: hooks every run uses (the job's too) until cleared with `undefined`. */
export function setSyncHooksForTests(hooks: SyncHooks | undefined): void {
  hooksForTests = hooks;
}
/** The hooks set by `setSyncHooksForTests`, if any. */
export function syncHooksForTests(): SyncHooks | undefined {
  return hooksForTests;
}
