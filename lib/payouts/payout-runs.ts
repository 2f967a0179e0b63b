import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { payoutRuns, payouts } from "@/db/schema";
import type { Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { logError } from "@/lib/log";
import { checkPayoutInput, createPayout, payoutLabel, RUN_HEARTBEAT_TIMEOUT } from "./create-payout";

export type PayoutRun = typeof payoutRuns.$inferSelect;

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: unknown } | null;
  if (e?.cause && isUniqueViolation(e.cause)) return true;
  return e?.code === "23505";
}

/** Runs whose process died (no progress for RUN_HEARTBEAT_TIMEOUT) are failed: their transaction rolled back, nothing was paid. */
async function failDeadRuns(db: Db, workspaceId: string) {
  await db.execute(sql`
    UPDATE payout_runs SET status = 'failed', error = 'The run stopped before it finished (the server restarted): nothing was paid. Start it again.',
      finished_at = now(), updated_at = now()
    WHERE workspace_id = ${workspaceId} AND status = 'running' AND updated_at < now() - ${RUN_HEARTBEAT_TIMEOUT}::interval`);
}

/**
 * Starts a payout run in the background (the portal's "New payout"): checks the input and that no
 * payout or run in that currency is in progress (409), records the run, and queues the job that
 * creates the payout (`performPayoutRun`). The page polls the run for its progress.
 */
export async function startPayoutRun(
  db: Db,
  input: { workspaceId: string; currency: string; cutoff?: Date | undefined; minimumAmountCents?: number | undefined; actor: Actor },
  enqueueRun: (run: PayoutRun) => Promise<void>,
): Promise<PayoutRun> {
  const { currency, minimum, cutoff } = checkPayoutInput(input);
  await failDeadRuns(db, input.workspaceId);
  const [inProgress] = await db
    .select({ number: payouts.number })
    .from(payouts)
    .where(and(eq(payouts.workspaceId, input.workspaceId), eq(payouts.currency, currency), sql`${payouts.status} IN ('draft', 'processing')`));
  if (inProgress) {
    throw new AppError("conflict", `Payout ${payoutLabel(inProgress.number)} in ${currency} is still in progress: mark it paid or cancel it before starting another.`);
  }
  let run: PayoutRun;
  try {
    [run] = (await db
      .insert(payoutRuns)
      .values({
        workspaceId: input.workspaceId,
        currency,
        cutoffAt: cutoff,
        minimumAmountCents: minimum,
        createdByUserId: input.actor.kind === "user" ? input.actor.id : null,
      })
      .returning()) as [PayoutRun];
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("conflict", `A payout run in ${currency} is already in progress: wait for it to finish.`, { fields: { currency: ["A run in this currency is in progress."] } });
    throw error;
  }
  await enqueueRun(run);
  return run;
}

/**
 * The background half: creates the payout (one transaction: all of it or nothing), writing the
 * progress on the side as each batch of creators is stamped, and marks the run done with its payout
 * in the payout's own transaction. A refusal (nothing payable, a payout in progress) or a crash marks
 * it failed with a sentence a brand can act on. Runs once: a run that is not `running` is left alone.
 */
export async function performPayoutRun(db: Db, runId: string): Promise<PayoutRun | undefined> {
  const [run] = await db.select().from(payoutRuns).where(eq(payoutRuns.id, runId));
  if (!run || run.status !== "running") return run;
  const heartbeat = (done: number, total: number) =>
    // not awaited: the run's transaction must not wait on it (an embedded database has one connection)
    void db
      .execute(sql`UPDATE payout_runs SET creators_done = GREATEST(creators_done, ${done}), creators_total = ${total}, updated_at = now() WHERE id = ${runId} AND status = 'running'`)
      .catch((error: unknown) => logError("payout run progress not saved", error, { run: runId }));
  try {
    await createPayout(db, {
      workspaceId: run.workspaceId,
      currency: run.currency,
      cutoff: run.cutoffAt,
      minimumAmountCents: run.minimumAmountCents,
      actor: run.createdByUserId ? { kind: "user", id: run.createdByUserId } : { kind: "system" },
      runId,
      onProgress: heartbeat,
    });
  } catch (error) {
    const message = error instanceof AppError ? error.message : "The run stopped before it finished: nothing was paid. Start it again.";
    if (!(error instanceof AppError)) logError("payout run failed", error, { run: runId });
    await db.update(payoutRuns).set({ status: "failed", error: message, finishedAt: new Date(), updatedAt: new Date() }).where(and(eq(payoutRuns.id, runId), eq(payoutRuns.status, "running")));
  }
  const [after] = await db.select().from(payoutRuns).where(eq(payoutRuns.id, runId));
  return after;
}

/** One run of the workspace, for the page that polls it (404 for another workspace's). */
export async function getPayoutRunOrThrow(db: Db, input: { workspaceId: string; runId: string }) {
  await failDeadRuns(db, input.workspaceId);
  const [run] = await queryRows<PayoutRun & { payout_number: number | null }>(
    db,
    sql`SELECT r.id, r.status, r.currency, r.creators_total AS "creatorsTotal", r.creators_done AS "creatorsDone", r.payout_id AS "payoutId", r.error,
          r.created_at AS "createdAt", r.finished_at AS "finishedAt", p.number AS payout_number
        FROM payout_runs r LEFT JOIN payouts p ON p.id = r.payout_id
        WHERE r.workspace_id = ${input.workspaceId} AND r.id = ${input.runId}`,
  );
  if (!run) throw new AppError("not_found", "Payout run not found.");
  return {
    id: run.id,
    status: run.status,
    currency: run.currency,
    creatorsTotal: Number(run.creatorsTotal),
    creatorsDone: Number(run.creatorsDone),
    payoutId: run.payoutId,
    payoutLabel: run.payout_number === null ? null : payoutLabel(Number(run.payout_number)),
    error: run.error,
  };
}

export type PayoutRunView = Awaited<ReturnType<typeof getPayoutRunOrThrow>>;

/** The workspace's run in progress, if any (the payouts page shows its progress on load). */
export async function getRunningPayoutRun(db: Db, workspaceId: string): Promise<PayoutRunView | null> {
  await failDeadRuns(db, workspaceId);
  const [run] = await db
    .select({ id: payoutRuns.id })
    .from(payoutRuns)
    .where(and(eq(payoutRuns.workspaceId, workspaceId), eq(payoutRuns.status, "running")))
    .orderBy(desc(payoutRuns.createdAt))
    .limit(1);
  return run ? getPayoutRunOrThrow(db, { workspaceId, runId: run.id }) : null;
}
