import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, reviewRunItems, reviewRuns } from "@/db/schema";
import { changeConversionStatus } from "@/lib/attribution/change-conversion-status";
import type { Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

const BATCH = 100;

/**
 * Decides the next undecided items of a review run, one conversion per transaction: the status
 * change (its ledger entry and audit row, through changeConversionStatus) and the item's outcome
 * commit together, so a crash never decides an item twice and a retry resumes at the first
 * undecided one. A conversion that cannot be decided (awaiting payment, refunded, test order) is
 * skipped with the reason; one already in the target status is unchanged. Returns whether the run
 * is finished; stops after `budgetMs` so one job step stays short.
 */
export async function advanceConversionReview(db: Db, input: { runId: string; budgetMs?: number }) {
  const started = Date.now();
  const [run] = await db.select().from(reviewRuns).where(eq(reviewRuns.id, input.runId));
  if (!run) throw new AppError("not_found", "Review run not found.");
  if (run.status !== "running") return { done: true, run };
  // The run's actor decides every item: a brand admin, or the API key that asked (API v1).
  const actor: Actor = { kind: run.actorKind, id: run.actorId ?? "system" };
  for (;;) {
    const items = await db
      .select({ conversionId: reviewRunItems.conversionId })
      .from(reviewRunItems)
      .where(and(eq(reviewRunItems.runId, run.id), isNull(reviewRunItems.outcome)))
      .orderBy(asc(reviewRunItems.conversionId))
      .limit(BATCH);
    if (items.length === 0) {
      const [finished] = await db
        .update(reviewRuns)
        .set({ status: "completed", finishedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(reviewRuns.id, run.id), eq(reviewRuns.status, "running")))
        .returning();
      return { done: true, run: finished ?? run };
    }
    for (const { conversionId } of items) {
      await db.transaction(async (txRaw) => {
        const tx = txRaw as unknown as Db;
        // Claim the item first: a second runner on the same run waits here, then finds it decided.
        const [claimed] = await tx
          .select({ outcome: reviewRunItems.outcome })
          .from(reviewRunItems)
          .where(and(eq(reviewRunItems.runId, run.id), eq(reviewRunItems.conversionId, conversionId)))
          .for("update");
        if (!claimed || claimed.outcome) return;
        let outcome: "changed" | "unchanged" | "skipped";
        let message: string | null = null;
        try {
          outcome = await changeConversionStatusOutcome(tx, { workspaceId: run.workspaceId, conversionId, to: run.decision, actor, reason: run.reason ?? undefined });
        } catch (e) {
          if (!(e instanceof AppError) || (e.code !== "conflict" && e.code !== "not_found")) throw e;
          outcome = "skipped";
          message = e.message;
        }
        await tx.update(reviewRunItems).set({ outcome, message }).where(and(eq(reviewRunItems.runId, run.id), eq(reviewRunItems.conversionId, conversionId)));
        await tx
          .update(reviewRuns)
          .set({ done: sql`${reviewRuns.done} + 1`, [outcome]: sql`${reviewRuns[outcome]} + 1`, updatedAt: new Date() })
          .where(eq(reviewRuns.id, run.id));
      });
    }
    if (input.budgetMs !== undefined && Date.now() - started > input.budgetMs) {
      const [current] = await db.select().from(reviewRuns).where(eq(reviewRuns.id, run.id));
      return { done: false, run: current! };
    }
  }
}

/** The change through the one status-change rule; "unchanged" when it was already in that status. */
async function changeConversionStatusOutcome(tx: Db, input: Parameters<typeof changeConversionStatus>[1]): Promise<"changed" | "unchanged"> {
  const [before] = await tx
    .select({ status: conversions.status })
    .from(conversions)
    .where(and(eq(conversions.workspaceId, input.workspaceId), eq(conversions.id, input.conversionId)));
  await changeConversionStatus(tx, input);
  return before?.status === input.to ? "unchanged" : "changed";
}
