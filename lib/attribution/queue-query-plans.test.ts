import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import type { ConversionFilters } from "./conversion-filters";
import { conversionQueuePageQuery, conversionQueueTotalsQuery, decodeQueueCursor, encodeQueueCursor } from "./list-conversion-queue";

/**
 * The review queue reads conversions through the indexes named in db/schema/conversions.ts, never
 * by scanning the table: a workspace with 40,000 conversions beside another tenant's 40,000, a few
 * hundred flagged. The plan shape is what matters here (no timing is asserted).
 */
type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Scan Direction"?: string; Plans?: PlanNode[] };
const walk = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(walk)];

let db: Db;
let client: postgres.Sql;
let scope: { workspaceId: string; campaignId: string; code: string; creatorId: string };

async function plan(query: { toSQL: () => { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const [row] = await client.unsafe(`EXPLAIN (FORMAT JSON) ${text}`, params as never[]);
  return walk((row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan);
}

/** The conversions reads of a plan: each by an index (one of `names`), none a sequential scan. */
async function expectConversionsBy(query: { toSQL: () => { sql: string; params: unknown[] } }, names: string[]) {
  const nodes = (await plan(query)).filter((n) => n["Relation Name"] === "conversions");
  expect(nodes.length).toBeGreaterThan(0);
  for (const n of nodes) {
    expect(n["Node Type"]).not.toBe("Seq Scan");
    expect(names).toContain(n["Index Name"]);
  }
}

beforeAll(async () => {
  db = await getDb();
  client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 1 });
  const other = await createTestBrand(db);
  await seedCampaign(client, { workspaceId: other.workspace.id, prefix: `o${uniq()}`, creators: 200, orders: 40_000, days: 120 });
  const brand = await createTestBrand(db);
  const p = `p${uniq()}`;
  const seeded = await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: p, creators: 200, orders: 40_000, days: 120 });
  await client`update conversions set status = 'flagged' where campaign_id = ${seeded.campaignId} and shopify_order_id % 97 = 0`;
  await client`analyze conversions`;
  const [c] = await client<{ code: string; creator_id: string }[]>`select code, creator_id from conversions where campaign_id = ${seeded.campaignId} limit 1`;
  scope = { workspaceId: brand.workspace.id, campaignId: seeded.campaignId, code: c!.code, creatorId: c!.creator_id };
}, 300_000);

describe("review queue query plans", () => {
  it("each filter's page reads its index backwards from the cursor", async () => {
    const ws = scope.workspaceId;
    const after = decodeQueueCursor(encodeQueueCursor({ t: "2026-01-01T00:00:00.000000Z", id: "cnv_zzzz" }));
    const cases: [ConversionFilters, string[]][] = [
      [{ workspaceId: ws }, ["conversions_workspace_placed_idx"]],
      [{ workspaceId: ws, placedFrom: new Date(Date.now() - 30 * 86_400_000), placedBefore: new Date() }, ["conversions_workspace_placed_idx"]],
      [{ workspaceId: ws, status: "flagged" }, ["conversions_workspace_status_placed_idx"]],
      [{ workspaceId: ws, code: scope.code }, ["conversions_workspace_code_placed_idx"]],
      [{ workspaceId: ws, campaignId: scope.campaignId }, ["conversions_workspace_campaign_created_idx", "conversions_workspace_placed_idx"]],
      [{ workspaceId: ws, creatorId: scope.creatorId }, ["conversions_workspace_creator_created_idx", "conversions_creator_created_idx"]],
    ];
    for (const [filters, names] of cases) {
      for (const cursor of [undefined, after]) await expectConversionsBy(conversionQueuePageQuery(db, { ...filters, after: cursor, limit: 50 }), names);
    }
  });

  it("totals of a filtered set read the same indexes", async () => {
    const ws = scope.workspaceId;
    await expectConversionsBy(conversionQueueTotalsQuery(db, { workspaceId: ws, status: "flagged" }), ["conversions_workspace_status_placed_idx"]);
    await expectConversionsBy(conversionQueueTotalsQuery(db, { workspaceId: ws, code: scope.code }), ["conversions_workspace_code_placed_idx"]);
    await expectConversionsBy(conversionQueueTotalsQuery(db, { workspaceId: ws, creatorId: scope.creatorId }), ["conversions_workspace_creator_created_idx", "conversions_creator_created_idx"]);
  });
});
