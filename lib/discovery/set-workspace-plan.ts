import { eq, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { PLANS, type Plan } from "./plans";

/**
 * Changes a workspace's plan and/or its billing-cycle anchor (operator CLI). The allowance follows
 * the plan at once; moving the anchor moves the cycle boundaries, and the used count is recomputed
 * from the records against the new cycle (that is how an e2e test simulates a rollover).
 */
export async function setWorkspacePlan(
  db: Db,
  input: { workspace: string; plan?: string | undefined; cycleAnchor?: Date | undefined; actor: Actor },
) {
  if (input.plan !== undefined && !PLANS.includes(input.plan as Plan)) {
    throw new AppError("validation_failed", `Unknown plan "${input.plan}": use ${PLANS.join(", ")}.`);
  }
  if (input.cycleAnchor !== undefined && Number.isNaN(input.cycleAnchor.getTime())) {
    throw new AppError("validation_failed", "The cycle anchor is not a valid date; use ISO 8601 (2026-05-01T00:00:00Z).");
  }
  const [ws] = await db
    .select()
    .from(workspaces)
    .where(or(eq(workspaces.id, input.workspace), eq(workspaces.slug, input.workspace)))
    .limit(1);
  if (!ws) throw new AppError("not_found", `No workspace with id or slug ${input.workspace}.`);
  const patch: Partial<typeof workspaces.$inferInsert> = {};
  if (input.plan !== undefined) patch.plan = input.plan as Plan;
  if (input.cycleAnchor !== undefined) patch.billingCycleAnchor = input.cycleAnchor;
  if (Object.keys(patch).length === 0) throw new AppError("validation_failed", "Nothing to change: pass a plan or a cycle anchor.");
  const [updated] = await db.update(workspaces).set(patch).where(eq(workspaces.id, ws.id)).returning();
  await recordAudit(db, {
    workspaceId: ws.id,
    actor: input.actor,
    action: "workspace.plan_changed",
    targetType: "workspace",
    targetId: ws.id,
    data: { from: { plan: ws.plan, cycle_anchor: ws.billingCycleAnchor.toISOString() }, to: { plan: updated!.plan, cycle_anchor: updated!.billingCycleAnchor.toISOString() } },
  });
  return updated!;
}
