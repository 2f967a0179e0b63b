import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { createTestBrand } from "@/test/factories";

const run = promisify(execFile);

/** Runs the operator CLI as a user would, against this run's database. */
async function tally(...args: string[]) {
  try {
    const { stdout, stderr } = await run("node_modules/.bin/tsx", ["scripts/tally.ts", ...args], { env: { ...process.env, TALLY_SKIP_MIGRATE: "1" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("operator CLI: plans and billing cycles", () => {
  it("workspace:set-plan and workspace:set-cycle-anchor (by slug or id) print the new plan, anchor and quota", async () => {
    const { workspace } = await createTestBrand(await getDb());
    const plan = await tally("workspace:set-plan", "--workspace", workspace.slug, "--plan", "growth", "--cycle-anchor", "2026-01-31T12:00:00Z");
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({
      workspace_id: workspace.id,
      plan: "growth",
      billing_cycle_anchor: "2026-01-31T12:00:00.000Z",
      unlocks: { allowance: 100, used: 0 },
    });
    const anchor = await tally("workspace:set-cycle-anchor", "--workspace", workspace.id, "--anchor", "now");
    expect(anchor.code).toBe(0);
    const out = JSON.parse(anchor.stdout) as { billing_cycle_anchor: string; unlocks: { cycle_start: string } };
    expect(Math.abs(Date.parse(out.billing_cycle_anchor) - Date.now())).toBeLessThan(60_000);
    expect(out.unlocks.cycle_start).toBe(out.billing_cycle_anchor);

    const bad = await tally("workspace:set-plan", "--workspace", workspace.id, "--plan", "platinum");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Unknown plan "platinum": use free, growth, scale/);
    const missing = await tally("workspace:set-cycle-anchor", "--workspace", "no-such-workspace", "--anchor", "now");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/No workspace with id or slug no-such-workspace/);
  }, 300_000);
});
