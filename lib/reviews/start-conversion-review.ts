import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversions, reviewRunItems, reviewRuns } from "@/db/schema";
import { conversionFilterWhere, filtersFromQueueQuery, ZConversionQueueQuery, type TConversionQueueQuery } from "@/lib/attribution/conversion-filters";
import type { Actor } from "@/lib/audit/record-audit";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";

/** At most this many hand-picked conversions per request (a page is 50); more is "all matching". */
export const MAX_PICKED = 500;

export const ZReviewDecision = z.enum(["approved", "denied"], { errorMap: () => ({ message: "Choose approve or deny." }) });
export const ZReviewReason = z.string().trim().max(300, "A reason is at most 300 characters.");

export type StartConversionReview = {
  workspaceId: string;
  actor: Actor;
  decision: "approved" | "denied";
  reason?: string | undefined;
  /** Hand-picked conversions, or every conversion matching `matching` (the queue's query). */
  conversionIds?: string[] | undefined;
  matching?: TConversionQueueQuery | undefined;
  /** The shop's zone, for the query's dates. */
  timeZone: string;
};

/**
 * Starts a review run: the run row and the conversions it covers, fixed now, in one transaction.
 * Hand-picked ids are kept only when they are this workspace's (others are ignored, never
 * revealed); "all matching" takes the filter's set as it is at this moment. Denying needs a
 * reason: the creator reads it. The caller then advances the run inline (small) or as a job.
 */
export async function startConversionReview(db: Db, input: StartConversionReview) {
  const reason = input.reason?.trim() || undefined;
  if (input.decision === "denied" && !reason) {
    throw new AppError("validation_failed", "Say why these conversions are denied.", { fields: { reason: ["Say why these conversions are denied: the creator sees the reason."] } });
  }
  if (!input.conversionIds?.length && !input.matching) throw new AppError("validation_failed", "Select at least one conversion.", { fields: { ids: ["Select at least one conversion."] } });
  if (input.conversionIds && input.conversionIds.length > MAX_PICKED) {
    throw new AppError("validation_failed", `Select at most ${MAX_PICKED} conversions by hand, or choose all matching.`, { fields: { ids: [`At most ${MAX_PICKED}.`] } });
  }
  const matching = input.matching ? ZConversionQueueQuery.parse(input.matching) : undefined;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const id = createId("reviewRun");
    await tx.insert(reviewRuns).values({
      id,
      workspaceId: input.workspaceId,
      decision: input.decision,
      reason: reason ?? null,
      actorKind: input.actor.kind,
      actorId: input.actor.id ?? null,
      filters: matching ? (Object.fromEntries(Object.entries(matching).filter(([, v]) => v)) as Record<string, string>) : null,
    });
    const where = matching
      ? conversionFilterWhere(filtersFromQueueQuery(input.workspaceId, matching, input.timeZone))
      : and(eq(conversions.workspaceId, input.workspaceId), inArray(conversions.id, input.conversionIds!));
    await tx.execute(sql`insert into ${reviewRunItems} (run_id, conversion_id) select ${id}, ${conversions.id} from ${conversions} where ${where} on conflict do nothing`);
    const [{ total } = { total: 0 }] = await tx.select({ total: sql<number>`count(*)::int` }).from(reviewRunItems).where(eq(reviewRunItems.runId, id));
    if (total === 0) throw new AppError("validation_failed", "None of the selected conversions are in this workspace any more.", { fields: { ids: ["Nothing to review."] } });
    const [run] = await tx.update(reviewRuns).set({ total }).where(eq(reviewRuns.id, id)).returning();
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: `conversions.bulk_${input.decision === "approved" ? "approve" : "deny"}`,
      targetType: "review_run",
      targetId: id,
      data: { total, reason: reason ?? null, filters: run!.filters },
    });
    return run!;
  });
}
