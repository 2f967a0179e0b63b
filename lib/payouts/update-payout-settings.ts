import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";

export const HOLD_DAYS_MAX = 365;

/** The return window, in days (0–365). It applies at once to every entry not yet in a payout. */
export async function updatePayoutHoldDays(db: Db, input: { workspaceId: string; holdDays: number; actor: Actor }) {
  if (!Number.isInteger(input.holdDays) || input.holdDays < 0 || input.holdDays > HOLD_DAYS_MAX) {
    throw new AppError("validation_failed", `The hold must be a whole number of days from 0 to ${HOLD_DAYS_MAX}.`, { fields: { payout_hold_days: [`0 to ${HOLD_DAYS_MAX} days.`] } });
  }
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [before] = await tx.select({ days: workspaces.payoutHoldDays }).from(workspaces).where(eq(workspaces.id, input.workspaceId)).for("update");
    if (!before) throw new AppError("not_found", "Workspace not found.");
    const [updated] = await tx.update(workspaces).set({ payoutHoldDays: input.holdDays }).where(eq(workspaces.id, input.workspaceId)).returning();
    if (before.days !== input.holdDays) {
      await recordAudit(tx, { workspaceId: input.workspaceId, actor: input.actor, action: "settings.payout_hold_days", data: { from: before.days, to: input.holdDays } });
    }
    return updated!;
  });
}

/** The workspace's payout settings. */
export async function getPayoutSettings(db: Db, workspaceId: string) {
  const [w] = await db.select({ payoutHoldDays: workspaces.payoutHoldDays }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!w) throw new AppError("not_found", "Workspace not found.");
  return w;
}
