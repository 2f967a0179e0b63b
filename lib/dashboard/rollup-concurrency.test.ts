import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, queryRows, type Db } from "@/db/client";
import { conversions } from "@/db/schema";
import { appendLedgerEntry, type ConversionRow } from "@/lib/ledger/append-ledger-entry";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { resolveRange } from "./date-range";
import { foldCampaignDays } from "./fold-campaign-days";
import { getCampaignDashboard } from "./get-campaign-dashboard";
import { rebuildRollups } from "./rebuild-rollups";
import { creatorSumsFromLedger, seriesFromLedger } from "./ledger-sums";

/**
 * No hot row: ledger writers of different creators of one campaign, on the same day, never wait on
 * each other's rollup rows (issue 18). The second writer runs with a lock_timeout while the first
 * holds its transaction open: any row lock they share (a per-campaign-day rollup row, as
 * campaign_days was) makes the second fail with "canceling statement due to lock timeout" instead
 * of succeeding. Two writers of the same creator still serialise (their running totals are one
 * row), which shows the check can fail.
 */
let db: Db;
let scope: { workspaceId: string; campaignId: string; currency: string };
let byCreator: ConversionRow[];

beforeAll(async () => {
  db = await getDb();
  const brand = await createTestBrand(db);
  const client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 1 });
  try {
    const { campaignId } = await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: `hot${uniq()}`, creators: 4, orders: 60, days: 10, trigger: true });
    scope = { workspaceId: brand.workspace.id, campaignId, currency: "USD" };
  } finally {
    await client.end();
  }
  const rows = await db.select().from(conversions).where(and(eq(conversions.workspaceId, scope.workspaceId), eq(conversions.campaignId, scope.campaignId)));
  byCreator = [...new Map(rows.map((r) => [r.creatorId, r])).values()];
  expect(byCreator.length).toBeGreaterThanOrEqual(2);
}, 120_000);

/** Holds a transaction open after appending an entry for `holder`, runs `second` meanwhile, then commits. */
async function whileHeld<T>(holder: ConversionRow, cause: string, second: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  let release!: () => void;
  let held!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const isHeld = new Promise<void>((r) => (held = r));
  const first = db.transaction(async (tx) => {
    await appendLedgerEntry(tx, holder, { kind: "edit", causeKey: cause, amountCents: 1_000, commissionCents: 150, occurredAt: new Date() });
    held();
    await released;
  });
  await isHeld;
  const [outcome] = await Promise.allSettled([second()]);
  release();
  await first;
  return outcome!;
}

const appendWithLockTimeout = (conversion: ConversionRow, cause: string) =>
  db.transaction(async (tx) => {
    await tx.execute(sql`set local lock_timeout = '300ms'`);
    await appendLedgerEntry(tx, conversion, { kind: "edit", causeKey: cause, amountCents: 2_500, commissionCents: 375, occurredAt: new Date() });
  });

describe("rollups under concurrent ledger writers", () => {
  it("an entry dated before a creator's later days runs into their running totals: every range still equals the ledger, and a rebuild gives the same rows", async () => {
    const [a] = byCreator;
    const early = new Date(Date.now() - 8 * 86_400_000);
    await db.transaction((tx) => appendLedgerEntry(tx, a!, { kind: "edit", causeKey: `test:late:${uniq()}`, amountCents: 777, commissionCents: 117, occurredAt: early }));
    await db.transaction((tx) => appendLedgerEntry(tx, a!, { kind: "refund", causeKey: `test:late-refund:${uniq()}`, amountCents: -300, commissionCents: -45, occurredAt: new Date(Date.now() - 5 * 86_400_000) }));
    const now = new Date();
    const day = (ago: number) => new Date(now.getTime() - ago * 86_400_000).toISOString().slice(0, 10);
    for (const range of [resolveRange({ range: "7d" }, now), resolveRange({ range: "custom", from: day(9), to: day(6) }, now), resolveRange({ range: "custom", from: day(4), to: day(4) }, now)]) {
      const d = await getCampaignDashboard(db, { ...scope, range });
      const ledger = new Map((await creatorSumsFromLedger(db, scope, range)).map((l) => [l.creatorId, l]));
      for (const row of d.creators) {
        const l = ledger.get(row.creatorId);
        expect([row.orders, row.grossCents, row.refundCents, row.commissionCents, row.reversedCommissionCents, row.lastSaleAt]).toEqual(
          l ? [l.orders, l.grossCents, l.refundCents, l.commissionCents, l.reversedCommissionCents, l.lastSaleAt] : [0, 0, 0, 0, 0, null],
        );
      }
    }
    const days = () => queryRows(db, sql`select creator_id, day::text, cum_orders, cum_gross_cents, cum_refund_cents, cum_commission_cents, cum_reversed_commission_cents, cum_last_sale_at from campaign_creator_days where campaign_id = ${scope.campaignId} order by 1, 2`);
    const kept = await days();
    await rebuildRollups(db, { workspaceId: scope.workspaceId });
    expect(await days()).toEqual(kept);
  });

  it("writers of different creators of one campaign on the same day do not wait on each other", async () => {
    const [a, b] = byCreator;
    const outcome = await whileHeld(a!, `test:hold:${uniq()}`, () => appendWithLockTimeout(b!, `test:other:${uniq()}`));
    expect(outcome).toMatchObject({ status: "fulfilled" });
  });

  it("two writers of the same creator do serialise (the check above can fail)", async () => {
    const [a] = byCreator;
    const other = (await db.select().from(conversions).where(and(eq(conversions.campaignId, scope.campaignId), eq(conversions.creatorId, a!.creatorId)))).find((c) => c.id !== a!.id) ?? a!;
    const outcome = await whileHeld(a!, `test:hold:${uniq()}`, () => appendWithLockTimeout(other, `test:same:${uniq()}`));
    expect(outcome.status).toBe("rejected");
    expect(String((outcome as PromiseRejectedResult).reason?.cause?.message ?? (outcome as PromiseRejectedResult).reason)).toMatch(/lock timeout/);
  });

  it("after concurrent writes the dashboard still equals the ledger, the chart's days included, before and after folding", async () => {
    const unfolded = await queryRows(db, sql`select 1 from campaign_day_deltas where campaign_id = ${scope.campaignId}`);
    expect(unfolded.length).toBeGreaterThan(0);
    await check();
    // Two folders at once: each delta is folded exactly once.
    const [x, y] = await Promise.all([foldCampaignDays(db, scope), foldCampaignDays(db, scope)]);
    expect(x + y).toBe(unfolded.length);
    await check();
  });
});

async function check() {
  {
    for (const range of [resolveRange({ range: "campaign" }, new Date()), resolveRange({ range: "7d" }, new Date())]) {
      const d = await getCampaignDashboard(db, { ...scope, range });
      const ledger = await creatorSumsFromLedger(db, scope, range);
      expect(d.tiles.grossCents).toBe(ledger.reduce((s, l) => s + l.grossCents, 0));
      expect(d.tiles.netCommissionCents).toBe(ledger.reduce((s, l) => s + l.commissionCents - l.reversedCommissionCents, 0));
      const series = await seriesFromLedger(db, scope, range);
      expect(d.series.map((p) => [p.day, p.grossCents, p.refundCents])).toEqual(series.map((s) => [s.day, Number(s.gross), Number(s.refund)]));
    }
  }
}
