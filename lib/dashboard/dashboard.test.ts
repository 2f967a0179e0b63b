import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { conversions } from "@/db/schema";
import { changeConversionStatus } from "@/lib/attribution/change-conversion-status";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { brandWithCodes, placeOrders, truthOf } from "@/test/campaign-orders";
import postgres from "postgres";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { dayIn, resolveRange, type DashboardRange } from "./date-range";
import { orderCsv, payoutCsv } from "./export-csv";
import { getCampaignDashboard, loadCampaignDashboard } from "./get-campaign-dashboard";
import { getWorkspaceResults } from "./get-workspace-results";
import { creatorSumsFromLedger } from "./ledger-sums";
import { rebuildRollups } from "./rebuild-rollups";
import { foldCampaignDays } from "./fold-campaign-days";

const h = simulatorAndBridgeForFile();
let setup: Awaited<ReturnType<typeof brandWithCodes>>;
let placed: ReturnType<typeof placeOrders>;
const NOW = new Date();

beforeAll(async () => {
  // 6 creators, 300 orders over 80 days through the real webhook path: partial and full refunds,
  // two-refund orders, cancellations; then one conversion denied (a status-change adjustment).
  setup = await brandWithCodes(h.db, h.env, { creators: 6 });
  placed = placeOrders(h.env.sim, setup, { count: 300, days: 80, seed: 7, deliver: () => true });
  await h.env.sim.webhooks.waitForIdle();
  await drainInProcessJobs();
  const [first] = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, setup.workspaceId), eq(conversions.status, "approved"))).limit(1);
  await changeConversionStatus(h.db, { workspaceId: setup.workspaceId, conversionId: first!.id, to: "denied", userId: setup.brand.user.id, reason: "test: self-referral found late" });
}, 300_000);

const scopeOf = () => ({ workspaceId: setup.workspaceId, campaignId: setup.campaign.id, currency: setup.campaign.currency });

async function dashboardEqualsLedger(range: DashboardRange) {
  const dashboard = await getCampaignDashboard(h.db, { ...scopeOf(), range });
  const ledger = await creatorSumsFromLedger(h.db, scopeOf(), range);
  const byCreator = new Map(ledger.map((l) => [l.creatorId, l]));
  for (const row of dashboard.creators) {
    const l = byCreator.get(row.creatorId) ?? { orders: 0, grossCents: 0, refundCents: 0, commissionCents: 0, reversedCommissionCents: 0, lastSaleAt: null };
    expect({ orders: row.orders, gross: row.grossCents, refund: row.refundCents, commission: row.commissionCents, reversed: row.reversedCommissionCents, last: row.lastSaleAt }).toEqual({
      orders: l.orders,
      gross: l.grossCents,
      refund: l.refundCents,
      commission: l.commissionCents,
      reversed: l.reversedCommissionCents,
      last: l.lastSaleAt,
    });
    expect(row.netCents).toBe(l.grossCents - l.refundCents);
    expect(row.netCommissionCents).toBe(l.commissionCents - l.reversedCommissionCents);
  }
  // every creator with ledger movements has a row
  expect(ledger.every((l) => dashboard.creators.some((c) => c.creatorId === l.creatorId))).toBe(true);
  const sum = (k: "orders" | "grossCents" | "refundCents" | "commissionCents" | "reversedCommissionCents") => ledger.reduce((s, l) => s + l[k], 0);
  expect(dashboard.tiles.orders).toBe(sum("orders"));
  expect(dashboard.tiles.grossCents).toBe(sum("grossCents"));
  expect(dashboard.tiles.refundCents).toBe(sum("refundCents"));
  expect(dashboard.tiles.netCommissionCents).toBe(sum("commissionCents") - sum("reversedCommissionCents"));
  // the series adds up to the tiles
  expect(dashboard.series.reduce((s, p) => s + p.grossCents, 0)).toBe(dashboard.tiles.grossCents);
  expect(dashboard.series.reduce((s, p) => s + p.refundCents, 0)).toBe(dashboard.tiles.refundCents);
  return dashboard;
}

describe("campaign dashboard", () => {
  it("campaign to date: every creator's figures and the tiles equal the sums of the ledger, and the simulator's truth", async () => {
    const d = await dashboardEqualsLedger(resolveRange({ range: "campaign" }, NOW));
    expect(d.creators).toHaveLength(6);
    expect(d.tiles.refundCents).toBeGreaterThan(0);
    expect(d.tiles.orders).toBe(placed.orders.filter((o) => o.discountApplications.some((a) => a.code && setup.codes.includes(a.code))).length);
    const truth = truthOf(placed.orders, setup.codes);
    expect(d.tiles.netCents).toBe(truth.net);
    const denied = (await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, setup.workspaceId), eq(conversions.status, "denied"))))[0]!;
    // the denied order keeps its sale in gross but pays nothing: truth minus its net commission
    const deniedTruth = truth.perOrder.get(denied.shopifyOrderId)!;
    expect(d.tiles.netCommissionCents).toBe(truth.netCommission - (deniedTruth.commission - deniedTruth.refundedCommission));
    expect(d.tiles.refundRate).toBeCloseTo(d.tiles.refundCents / d.tiles.grossCents, 10);
    expect(d.tiles.roi).toBeCloseTo(d.tiles.netCents / d.tiles.netCommissionCents, 10);
  });

  it("last 7 / 30 / 90 days and a custom range: still the ledger's sums, entry by entry date (refunds on the day they happen)", async () => {
    for (const range of ["7d", "30d", "90d"]) await dashboardEqualsLedger(resolveRange({ range }, NOW));
    const day = (ago: number) => new Date(NOW.getTime() - ago * 86_400_000).toISOString().slice(0, 10);
    const custom = await dashboardEqualsLedger(resolveRange({ range: "custom", from: day(50), to: day(20) }, NOW));
    expect(custom.tiles.orders).toBeGreaterThan(0);
    expect(custom.series.every((p) => p.day >= day(50) && p.day <= day(20))).toBe(true);
  });

  it("the payout CSV and the per-order CSV add up to the tiles", async () => {
    for (const range of [resolveRange({ range: "campaign" }, NOW), resolveRange({ range: "30d" }, NOW)]) {
      const d = await getCampaignDashboard(h.db, { ...scopeOf(), range });
      const cents = (s: string) => Math.round(Number(s) * 100);
      let payout = "";
      for await (const chunk of payoutCsv(h.db, { ...scopeOf(), range })) payout += chunk;
      const lines = payout.trim().split("\r\n").map((l) => l.split(","));
      expect(lines[0]).toContain("net_commission");
      const body = lines.slice(1, -1);
      const total = lines.at(-1)!;
      expect(body).toHaveLength(6);
      const col = (name: string) => lines[0]!.indexOf(name);
      expect(body.reduce((s, l) => s + cents(l[col("net_commission")]!), 0)).toBe(d.tiles.netCommissionCents);
      expect(cents(total[col("net_commission")]!)).toBe(d.tiles.netCommissionCents);
      expect(cents(total[col("net_sales")]!)).toBe(d.tiles.netCents);

      let orders = "";
      for await (const chunk of orderCsv(h.db, { ...scopeOf(), range })) orders += chunk;
      const rows = orders.trim().split("\r\n").map((l) => l.split(","));
      const oc = (name: string) => rows[0]!.indexOf(name);
      const data = rows.slice(1);
      expect(data.reduce((s, l) => s + cents(l[oc("gross_sales")]!), 0)).toBe(d.tiles.grossCents);
      expect(data.reduce((s, l) => s + cents(l[oc("refunds")]!), 0)).toBe(d.tiles.refundCents);
      expect(data.reduce((s, l) => s + cents(l[oc("net_commission")]!), 0)).toBe(d.tiles.netCommissionCents);
      expect(new Set(data.map((l) => l[oc("shopify_order_id")])).size).toBe(data.length); // one line per order
    }
  });

  it("the workspace overview sums the campaign's creators; another workspace's campaign is not found", async () => {
    const overview = await getWorkspaceResults(h.db, { workspaceId: setup.workspaceId });
    const d = await getCampaignDashboard(h.db, { ...scopeOf(), range: resolveRange({}, NOW) });
    const c = overview.campaigns.find((x) => x.id === setup.campaign.id)!;
    expect(c.netCents).toBe(d.tiles.netCents);
    expect(c.netCommissionCents).toBe(d.tiles.netCommissionCents);
    expect(overview.topCreators[0]!.netCommissionCents).toBe(Math.max(...d.creators.map((r) => r.netCommissionCents)));

    const other = await createTestBrand(h.db);
    await expect(loadCampaignDashboard(h.db, { workspaceId: other.workspace.id, campaignId: setup.campaign.id, query: {} })).rejects.toMatchObject({ code: "not_found" });
    expect((await getWorkspaceResults(h.db, { workspaceId: other.workspace.id })).topCreators).toEqual([]);
  });

  it("the rollups the trigger kept, entry by entry, equal the rollups rebuilt from the ledger", async () => {
    // The trigger leaves the chart's campaign-day figures as deltas: folded, they are campaign_days.
    expect(await foldCampaignDays(h.db, { workspaceId: setup.workspaceId, campaignId: setup.campaign.id })).toBeGreaterThan(100);
    expect(await queryRows(h.db, sql`select 1 from campaign_day_deltas where workspace_id = ${setup.workspaceId}`)).toEqual([]);
    const snapshot = async () => ({
      days: await queryRows(h.db, sql`select campaign_id, creator_id, day::text, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at, cum_orders, cum_gross_cents, cum_refund_cents, cum_commission_cents, cum_reversed_commission_cents, cum_last_sale_at from campaign_creator_days where workspace_id = ${setup.workspaceId} order by 1, 2, 3`),
      totals: await queryRows(h.db, sql`select campaign_id, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at from campaign_creator_totals where workspace_id = ${setup.workspaceId} order by 1, 2`),
      campaignDays: await queryRows(h.db, sql`select campaign_id, day::text, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents from campaign_days where workspace_id = ${setup.workspaceId} order by 1, 2`),
    });
    const kept = await snapshot();
    expect(kept.totals).toHaveLength(6);
    expect(kept.days.length).toBeGreaterThan(60);
    expect(kept.campaignDays.length).toBeGreaterThan(40);
    await rebuildRollups(h.db, { workspaceId: setup.workspaceId });
    expect(await snapshot()).toEqual(kept);
  });

  it("days are the campaign's own: a Los Angeles campaign dates each entry in Los Angeles, and ranges follow", async () => {
    const brand = await createTestBrand(h.db);
    const client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 1 });
    try {
      const { campaignId } = await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: `tz${uniq()}`, creators: 5, orders: 400, days: 20, trigger: true, timezone: "America/Los_Angeles" });
      const scope = { workspaceId: brand.workspace.id, campaignId, currency: "USD" };
      // Independent of SQL: each sale's Los Angeles date, computed with Intl, counted per day.
      const sales = await client<{ occurred_at: Date }[]>`select e.occurred_at from ledger_entries e join conversions c on c.id = e.conversion_id where c.campaign_id = ${campaignId} and e.kind = 'sale'`;
      const expected = new Map<string, number>();
      for (const s of sales) {
        const day = dayIn(s.occurred_at, "America/Los_Angeles");
        expected.set(day, (expected.get(day) ?? 0) + 1);
      }
      await foldCampaignDays(h.db, { workspaceId: brand.workspace.id, campaignId });
      const rows = await client<{ day: string; orders: number }[]>`select day::text, orders from campaign_days where campaign_id = ${campaignId}`;
      expect(new Map(rows.filter((r) => r.orders > 0).map((r) => [r.day, r.orders]))).toEqual(expected); // days with refunds only have 0 orders
      // the data has sales whose UTC date is not their Los Angeles date, so the zone matters here
      expect(sales.some((s) => s.occurred_at.toISOString().slice(0, 10) !== dayIn(s.occurred_at, "America/Los_Angeles"))).toBe(true);
      // Ranges resolve in the campaign's zone and still equal the ledger.
      const at = new Date(Date.now());
      for (const range of [resolveRange({ range: "7d" }, at, "America/Los_Angeles"), resolveRange({ range: "custom", from: dayIn(new Date(at.getTime() - 12 * 86_400_000), "America/Los_Angeles"), to: dayIn(new Date(at.getTime() - 3 * 86_400_000), "America/Los_Angeles") }, at, "America/Los_Angeles")]) {
        const d = await getCampaignDashboard(h.db, { ...scope, range });
        const l = await creatorSumsFromLedger(h.db, scope, range);
        expect(d.tiles.orders).toBe(l.reduce((s, x) => s + x.orders, 0));
        expect(d.tiles.netCommissionCents).toBe(l.reduce((s, x) => s + x.commissionCents - x.reversedCommissionCents, 0));
        expect(d.series.reduce((s, p) => s + p.grossCents, 0)).toBe(d.tiles.grossCents);
        // The per-order CSV bounds the range by Los Angeles midnights too: its lines add up to the tiles.
        let csv = "";
        for await (const chunk of orderCsv(h.db, { ...scope, range })) csv += chunk;
        const lines = csv.trim().split("\r\n").map((l) => l.split(","));
        const sum = (name: string) => lines.slice(1).reduce((s, l) => s + Math.round(Number(l[lines[0]!.indexOf(name)]) * 100), 0);
        expect(sum("gross_sales")).toBe(d.tiles.grossCents);
        expect(sum("refunds")).toBe(d.tiles.refundCents);
        expect(sum("net_commission")).toBe(d.tiles.netCommissionCents);
      }
    } finally {
      await client.end();
    }
    // 05:00 UTC on Nov 22 is still Nov 21 in Los Angeles.
    expect(resolveRange({ range: "7d" }, new Date("2026-11-22T05:00:00Z"), "America/Los_Angeles")).toEqual({ kind: "7d", from: "2026-11-15", to: "2026-11-21" });
  });

  it("bad ranges are clear 422s", () => {
    expect(() => resolveRange({ range: "year" }, NOW)).toThrow(/one of campaign/);
    expect(() => resolveRange({ range: "custom", from: "2026-02-30", to: "2026-03-01" }, NOW)).toThrow(/real day/);
    expect(() => resolveRange({ range: "custom", from: "2026-03-02", to: "2026-03-01" }, NOW)).toThrow(/on or before/);
    expect(() => resolveRange({ range: "custom", from: "2020-01-01", to: "2026-03-01" }, NOW)).toThrow(/at most/);
    expect(resolveRange({ range: "7d" }, new Date("2026-11-22T23:59:00Z"))).toEqual({ kind: "7d", from: "2026-11-16", to: "2026-11-22" });
  });
});
