import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createTestBrand, uniq } from "@/test/factories";
import { generateProfiles, type GeneratedProfile } from "./generate-profiles";
import { getUnlockQuota } from "./get-unlock-quota";
import { insertDiscoveryProfiles } from "./insert-profiles";
import { setWorkspacePlan } from "./set-workspace-plan";
import { unlockCreatorEmail } from "./unlock-creator-email";

let db: Db;
let profiles: GeneratedProfile[];
const system = { kind: "system" } as const;
const at = (iso: string) => new Date(iso);

/** A brand on the free plan (10 unlocks) whose cycles start on the 31st at noon UTC. */
async function brand(anchor = "2026-01-31T12:00:00Z") {
  const { workspace } = await createTestBrand(db);
  await db.update(workspaces).set({ billingCycleAnchor: at(anchor) }).where(eq(workspaces.id, workspace.id));
  return workspace.id;
}

const unlock = (workspaceId: string, profileId: string, now: Date) =>
  unlockCreatorEmail(db, { workspaceId, profileId, actor: system, userId: null, now });

beforeAll(async () => {
  db = await getDb();
  // Unique ids per run: the discovery database is shared by every test file.
  profiles = [...generateProfiles(99, 150, 800_000)].map((p) => ({ ...p, id: `${p.id.slice(0, -5)}${uniq()}` }));
  await insertDiscoveryProfiles(db, profiles);
});

describe("email unlock quota", () => {
  it("reveals the email and counts it; the 11th unlock on the free plan is refused", async () => {
    const ws = await brand();
    const now = at("2026-02-10T00:00:00Z");
    expect(await getUnlockQuota(db, { workspaceId: ws, now })).toMatchObject({ plan: "free", allowance: 10, used: 0, remaining: 10 });
    for (let i = 0; i < 10; i++) {
      const r = await unlock(ws, profiles[i]!.id, now);
      expect(r).toMatchObject({ email: profiles[i]!.contactEmail, alreadyUnlocked: false, quota: { used: i + 1, allowance: 10 } });
    }
    await expect(unlock(ws, profiles[10]!.id, now)).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/used all 10 email unlocks/),
      details: { reason: "allowance_used_up", used: 10, allowance: 10, cycle_end: "2026-02-28T12:00:00.000Z" },
    });
    expect(await getUnlockQuota(db, { workspaceId: ws, now })).toMatchObject({ used: 10, remaining: 0 });
  });

  it("rolls over exactly at the anchor (day clamped in February), with a controllable clock", async () => {
    const ws = await brand("2026-01-31T12:00:00Z");
    for (let i = 0; i < 10; i++) await unlock(ws, profiles[20 + i]!.id, at("2026-02-01T00:00:00Z"));
    const before = at("2026-02-28T11:59:59.999Z");
    expect(await getUnlockQuota(db, { workspaceId: ws, now: before })).toMatchObject({
      used: 10,
      cycleStart: at("2026-01-31T12:00:00Z"),
      cycleEnd: at("2026-02-28T12:00:00Z"),
    });
    await expect(unlock(ws, profiles[30]!.id, before)).rejects.toMatchObject({ details: { reason: "allowance_used_up" } });
    const rollover = at("2026-02-28T12:00:00Z");
    expect(await getUnlockQuota(db, { workspaceId: ws, now: rollover })).toMatchObject({
      used: 0,
      remaining: 10,
      cycleStart: rollover,
      cycleEnd: at("2026-03-31T12:00:00Z"),
    });
    expect(await unlock(ws, profiles[30]!.id, rollover)).toMatchObject({ alreadyUnlocked: false, quota: { used: 1 } });
    // And the previous cycle still shows what it used.
    expect(await getUnlockQuota(db, { workspaceId: ws, now: before })).toMatchObject({ used: 10 });
  });

  it("re-unlocking a creator is free, in the same cycle, at the limit, and in a later cycle", async () => {
    const ws = await brand();
    const now = at("2026-03-05T00:00:00Z");
    const first = await unlock(ws, profiles[40]!.id, now);
    const again = await unlock(ws, profiles[40]!.id, at("2026-03-06T00:00:00Z"));
    expect(again).toMatchObject({ alreadyUnlocked: true, email: first.email, unlockedAt: first.unlockedAt, quota: { used: 1 } });
    for (let i = 41; i < 50; i++) await unlock(ws, profiles[i]!.id, now);
    expect((await getUnlockQuota(db, { workspaceId: ws, now })).used).toBe(10);
    expect(await unlock(ws, profiles[40]!.id, now)).toMatchObject({ alreadyUnlocked: true, quota: { used: 10 } });
    const nextCycle = at("2026-04-02T00:00:00Z");
    expect(await unlock(ws, profiles[45]!.id, nextCycle)).toMatchObject({ alreadyUnlocked: true, quota: { used: 0 } });
    expect((await getUnlockQuota(db, { workspaceId: ws, now: nextCycle })).used).toBe(0);
  });

  it("two simultaneous unlocks at the last unit: exactly one succeeds, the other is told the allowance is used up", async () => {
    for (let round = 0; round < 3; round++) {
      const ws = await brand();
      const now = at("2026-02-10T00:00:00Z");
      const base = 60 + round * 12;
      for (let i = 0; i < 9; i++) await unlock(ws, profiles[base + i]!.id, now);
      const results = await Promise.allSettled([unlock(ws, profiles[base + 9]!.id, now), unlock(ws, profiles[base + 10]!.id, now)]);
      const ok = results.filter((r) => r.status === "fulfilled");
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(ok).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toMatchObject({ code: "conflict", details: { reason: "allowance_used_up" } });
      expect((await getUnlockQuota(db, { workspaceId: ws, now })).used).toBe(10);
    }
  });

  it("many parallel unlocks from zero: exactly the allowance succeeds", async () => {
    const ws = await brand();
    const now = at("2026-02-10T00:00:00Z");
    const results = await Promise.allSettled(profiles.slice(100, 125).map((p) => unlock(ws, p.id, now)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect((await getUnlockQuota(db, { workspaceId: ws, now })).used).toBe(10);
  });

  it("the allowance follows the plan, at once and both ways", async () => {
    const ws = await brand();
    const now = at("2026-02-10T00:00:00Z");
    for (let i = 0; i < 10; i++) await unlock(ws, profiles[126 + i]!.id, now);
    await expect(unlock(ws, profiles[136]!.id, now)).rejects.toMatchObject({ code: "conflict" });
    await setWorkspacePlan(db, { workspace: ws, plan: "growth", actor: system });
    expect(await getUnlockQuota(db, { workspaceId: ws, now })).toMatchObject({ plan: "growth", allowance: 100, used: 10, remaining: 90 });
    expect(await unlock(ws, profiles[136]!.id, now)).toMatchObject({ quota: { used: 11, allowance: 100 } });
    await setWorkspacePlan(db, { workspace: ws, plan: "scale", actor: system });
    expect((await getUnlockQuota(db, { workspaceId: ws, now })).allowance).toBe(1000);
    await setWorkspacePlan(db, { workspace: ws, plan: "free", actor: system });
    expect(await getUnlockQuota(db, { workspaceId: ws, now })).toMatchObject({ allowance: 10, used: 11, remaining: 0 });
    await expect(unlock(ws, profiles[137]!.id, now)).rejects.toMatchObject({ details: { reason: "allowance_used_up", used: 11 } });
    await expect(setWorkspacePlan(db, { workspace: ws, plan: "platinum", actor: system })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("moving the anchor moves the cycle (how the e2e simulates a rollover); workspaces never share counts", async () => {
    const ws = await brand();
    const other = await brand();
    const now = at("2026-02-10T00:00:00Z");
    await unlock(ws, profiles[140]!.id, now);
    await unlock(ws, profiles[141]!.id, now);
    expect((await getUnlockQuota(db, { workspaceId: ws, now })).used).toBe(2);
    expect((await getUnlockQuota(db, { workspaceId: other, now })).used).toBe(0);
    await setWorkspacePlan(db, { workspace: ws, cycleAnchor: at("2026-02-10T00:00:01Z"), actor: system });
    expect((await getUnlockQuota(db, { workspaceId: ws, now: at("2026-02-10T00:00:02Z") })).used).toBe(0);
  });

  it("an unknown creator is not found and uses nothing", async () => {
    const ws = await brand();
    await expect(unlock(ws, "dcp_00000000000000000000000000", at("2026-02-10T00:00:00Z"))).rejects.toMatchObject({ code: "not_found" });
    expect((await getUnlockQuota(db, { workspaceId: ws, now: at("2026-02-10T00:00:00Z") })).used).toBe(0);
  });
});
