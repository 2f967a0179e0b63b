import { and, count, eq, gte, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { discoveryUnlocks, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { billingCycleAt } from "./billing-cycle";
import { unlockAllowance, type Plan } from "./plans";

export type UnlockQuota = {
  plan: Plan;
  allowance: number;
  used: number;
  remaining: number;
  cycleStart: Date;
  cycleEnd: Date;
};

/** The quota from the workspace's plan, anchor and unlock records: nothing is cached or stored. */
export function quotaFrom(input: { plan: Plan; anchor: Date; now: Date; used: number }): UnlockQuota {
  const cycle = billingCycleAt(input.anchor, input.now);
  const allowance = unlockAllowance(input.plan);
  return { plan: input.plan, allowance, used: input.used, remaining: Math.max(0, allowance - input.used), cycleStart: cycle.start, cycleEnd: cycle.end };
}

/** Unlocks recorded in [start, end) for the workspace (index: workspace_id, unlocked_at). */
export async function countUnlocksInCycle(db: Db, input: { workspaceId: string; start: Date; end: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(discoveryUnlocks)
    .where(
      and(
        eq(discoveryUnlocks.workspaceId, input.workspaceId),
        gte(discoveryUnlocks.unlockedAt, input.start),
        lt(discoveryUnlocks.unlockedAt, input.end),
      ),
    );
  return Number(row?.n ?? 0);
}

/**
 * Used / allowance for the billing cycle that contains `now`, derived from the unlock records and the
 * workspace's cycle anchor every time (so it is right the moment a cycle rolls over).
 */
export async function getUnlockQuota(db: Db, input: { workspaceId: string; now: Date }): Promise<UnlockQuota> {
  const [ws] = await db
    .select({ plan: workspaces.plan, anchor: workspaces.billingCycleAnchor })
    .from(workspaces)
    .where(eq(workspaces.id, input.workspaceId))
    .limit(1);
  if (!ws) throw new AppError("not_found", "Workspace not found.");
  const cycle = billingCycleAt(ws.anchor, input.now);
  const used = await countUnlocksInCycle(db, { workspaceId: input.workspaceId, start: cycle.start, end: cycle.end });
  return quotaFrom({ plan: ws.plan, anchor: ws.anchor, now: input.now, used });
}

export function quotaJson(q: UnlockQuota) {
  return {
    plan: q.plan,
    allowance: q.allowance,
    used: q.used,
    remaining: q.remaining,
    cycle_start: q.cycleStart.toISOString(),
    cycle_end: q.cycleEnd.toISOString(),
  };
}
