import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { resolveRange } from "./date-range";
import { awaitingPaymentSums, campaignRoster, creatorSums, dailySeriesQuery } from "./get-campaign-dashboard";
import { workspaceQueries } from "./get-workspace-results";
import { rebuildRollups } from "./rebuild-rollups";

/**
 * The dashboard's queries read the rollups through their indexes, never orders, conversions or
 * ledger entries. Seeded with the benchmark's generator (smaller: the plan shape is what matters —
 * `npm run bench:dashboard` prints the same plans at 1,000,000 orders), next to another tenant's
 * larger campaign so that the rollup tables hold more than the campaign being read.
 */
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; Plans?: PlanNode[] };
const walk = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(walk)];

let db: Db;
let scope: { workspaceId: string; campaignId: string; currency: string };
const NOW = new Date();

async function plan(query: { toSQL: () => { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 1 });
  try {
    const [row] = await client.unsafe(`EXPLAIN (FORMAT JSON) ${text}`, params as never[]);
    return walk((row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan);
  } finally {
    await client.end();
  }
}

function expectIndexedRollupReads(nodes: PlanNode[]) {
  const touched = nodes.filter((n) => n["Relation Name"]);
  expect(touched.length).toBeGreaterThan(0);
  for (const n of touched) {
    expect(["orders", "conversions", "ledger_entries"]).not.toContain(n["Relation Name"]);
    if (n["Relation Name"]!.startsWith("campaign_creator_")) expect(`${n["Relation Name"]}: ${n["Node Type"]}`).not.toMatch(/Seq Scan/);
  }
}

beforeAll(async () => {
  db = await getDb();
  const client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 1 });
  try {
    const other = await createTestBrand(db);
    const o = `o${uniq()}`;
    const seededOther = await seedCampaign(client, { workspaceId: other.workspace.id, prefix: o, creators: 500, orders: 60_000, days: 180 });
    await rebuildRollups(db, { workspaceId: other.workspace.id });
    // Other tenants' campaigns: 200 more campaigns × 500 creators of totals, as a shared table holds.
    await client`insert into campaigns (id, workspace_id, shop_id, name, starts_at, discount_type, discount_value, commission_rate_bps, code_template, currency)
      select 'cmp_fill' || ${o} || g, ${other.workspace.id}, ${seededOther.shopId}, 'Filler ' || g, now(), 'percentage', 1000, 1500, '{full_name}', 'USD' from generate_series(1, 200) g`;
    await client`insert into campaign_creator_totals (workspace_id, campaign_id, creator_id, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents, last_sale_at)
      select ${other.workspace.id}, 'cmp_fill' || ${o} || c, 'cre_' || ${o} || lpad(k::text, 6, '0'), 'USD', 1, 10000, 0, 1500, 0, now()
      from generate_series(1, 200) c, generate_series(1, 500) k`;
    await client`insert into campaign_creator_pending (workspace_id, campaign_id, creator_id, currency, orders, amount_cents, commission_cents)
      select ${other.workspace.id}, 'cmp_fill' || ${o} || c, 'cre_' || ${o} || lpad(k::text, 6, '0'), 'USD', 1, 10000, 1500
      from generate_series(1, 200) c, generate_series(1, 500) k`;
    await client`insert into campaign_days (workspace_id, campaign_id, day, currency, orders, gross_cents, refund_cents, commission_cents, reversed_commission_cents)
      select ${other.workspace.id}, 'cmp_fill' || ${o} || c, current_date - d, 'USD', 3, 30000, 0, 4500, 0
      from generate_series(1, 200) c, generate_series(0, 179) d`;
    const brand = await createTestBrand(db);
    const seeded = await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: `p${uniq()}`, creators: 500, orders: 20_000, days: 120 });
    await rebuildRollups(db, { workspaceId: brand.workspace.id });
    await client`analyze`;
    scope = { workspaceId: brand.workspace.id, campaignId: seeded.campaignId, currency: "USD" };
  } finally {
    await client.end();
  }
}, 300_000);

describe("dashboard query plans", () => {
  it("per-creator sums: campaign to date reads campaign_creator_totals, a range campaign_creator_days; the series campaign_days; by index", async () => {
    for (const range of [resolveRange({ range: "campaign" }, NOW), resolveRange({ range: "30d" }, NOW), resolveRange({ range: "90d" }, NOW)]) {
      const nodes = await plan(creatorSums(db, scope, range));
      expectIndexedRollupReads(nodes);
      expect(nodes.some((n) => n["Relation Name"] === (range.from ? "campaign_creator_days" : "campaign_creator_totals"))).toBe(true);
    }
    for (const range of [resolveRange({ range: "campaign" }, NOW), resolveRange({ range: "90d" }, NOW)]) {
      expect((await plan(dailySeriesQuery(db, scope, range))).some((n) => n["Relation Name"] === "campaign_days")).toBe(true);
    }
  });

  it("the daily series, the roster and the workspace overview read indexes only", async () => {
    for (const range of [resolveRange({ range: "campaign" }, NOW), resolveRange({ range: "7d" }, NOW)]) expectIndexedRollupReads(await plan(dailySeriesQuery(db, scope, range)));
    const roster = await plan(campaignRoster(db, scope));
    expect(roster.filter((n) => n["Relation Name"] === "enrollments").every((n) => n["Node Type"] !== "Seq Scan")).toBe(true);
    for (const q of workspaceQueries(db, { workspaceId: scope.workspaceId })) expectIndexedRollupReads(await plan(q));
    // Awaiting payment: campaign_creator_pending by its primary key, never the pending conversions themselves.
    const awaiting = await plan(awaitingPaymentSums(db, scope));
    expectIndexedRollupReads(awaiting);
    expect(awaiting.some((n) => n["Relation Name"] === "campaign_creator_pending")).toBe(true);
  });

});
