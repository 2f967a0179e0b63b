import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { discoveryProfiles, discoveryUnlocks, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { billingCycleAt } from "./billing-cycle";
import { countUnlocksInCycle, quotaFrom, type UnlockQuota } from "./get-unlock-quota";

export type UnlockResult = { profileId: string; email: string; unlockedAt: Date; alreadyUnlocked: boolean; quota: UnlockQuota };

const formatDay = (d: Date) => d.toLocaleDateString("en-US", { month: "long", day: "numeric", year: "numeric", timeZone: "UTC" });

/**
 * Reveals a profile's contact email to the whole workspace, within the plan's monthly allowance.
 *
 * One transaction that first locks the workspace row (SELECT … FOR UPDATE): unlocks of one workspace
 * run one after another, so two requests racing for the last unit cannot both count "9 of 10 used" —
 * the second one waits, then counts 10 and is refused. Other workspaces are not blocked. An unlock the
 * workspace already has (unique on workspace, profile) is returned again without using allowance, in
 * any cycle. `now` is the clock (tests move it); the record is stamped with it.
 */
export async function unlockCreatorEmail(
  db: Db,
  input: { workspaceId: string; profileId: string; actor: Actor; userId: string | null; now: Date },
): Promise<UnlockResult> {
  const result = await db.transaction(async (tx) => {
    const [ws] = await tx
      .select({ plan: workspaces.plan, anchor: workspaces.billingCycleAnchor })
      .from(workspaces)
      .where(eq(workspaces.id, input.workspaceId))
      .for("update");
    if (!ws) throw new AppError("not_found", "Workspace not found.");
    const [profile] = await tx
      .select({ id: discoveryProfiles.id, email: discoveryProfiles.contactEmail })
      .from(discoveryProfiles)
      .where(eq(discoveryProfiles.id, input.profileId))
      .limit(1);
    if (!profile) throw new AppError("not_found", "Creator not found.");

    const cycle = billingCycleAt(ws.anchor, input.now);
    const [existing] = await tx
      .select({ unlockedAt: discoveryUnlocks.unlockedAt })
      .from(discoveryUnlocks)
      .where(and(eq(discoveryUnlocks.workspaceId, input.workspaceId), eq(discoveryUnlocks.profileId, input.profileId)))
      .limit(1);
    const used = await countUnlocksInCycle(tx as unknown as Db, { workspaceId: input.workspaceId, start: cycle.start, end: cycle.end });
    if (existing) {
      return { profileId: profile.id, email: profile.email, unlockedAt: existing.unlockedAt, alreadyUnlocked: true, quota: quotaFrom({ plan: ws.plan, anchor: ws.anchor, now: input.now, used }) };
    }
    const quota = quotaFrom({ plan: ws.plan, anchor: ws.anchor, now: input.now, used });
    if (quota.used >= quota.allowance) {
      throw new AppError(
        "conflict",
        `Your workspace has used all ${quota.allowance} email unlocks of this cycle. They renew on ${formatDay(quota.cycleEnd)}; a bigger plan has more.`,
        { reason: "allowance_used_up", used: quota.used, allowance: quota.allowance, cycle_end: quota.cycleEnd.toISOString() },
      );
    }
    await tx.insert(discoveryUnlocks).values({
      workspaceId: input.workspaceId,
      profileId: profile.id,
      unlockedByUserId: input.userId,
      unlockedAt: input.now,
    });
    await recordAudit(tx as unknown as Db, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: "discovery.email_unlocked",
      targetType: "discovery_profile",
      targetId: profile.id,
    });
    return {
      profileId: profile.id,
      email: profile.email,
      unlockedAt: input.now,
      alreadyUnlocked: false,
      quota: quotaFrom({ plan: ws.plan, anchor: ws.anchor, now: input.now, used: used + 1 }),
    };
  });
  return result;
}

/** Whether the workspace has unlocked these profiles (for checks outside a search). */
export async function isUnlocked(db: Db, input: { workspaceId: string; profileId: string }): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(discoveryUnlocks)
    .where(and(eq(discoveryUnlocks.workspaceId, input.workspaceId), eq(discoveryUnlocks.profileId, input.profileId)))
    .limit(1);
  return Boolean(row);
}
