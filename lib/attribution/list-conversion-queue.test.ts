import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { AppError } from "@/lib/errors";
import { filtersFromQueueQuery, localDayRange, ZConversionQueueQuery, type ConversionFilters } from "./conversion-filters";
import { parse } from "csv-parse/sync";
import { conversionsCsv } from "./export-conversions-csv";
import { conversionQueueTotals, decodeQueueCursor, listConversionQueuePage } from "./list-conversion-queue";

/**
 * The review queue on real Postgres: a workspace with a USD campaign (400 orders over 40 days, a
 * few flagged) and a EUR campaign (60 orders), next to another workspace's campaign that must never
 * show. Expected sets are computed independently with plain SQL over the same rows.
 */
let db: Db;
let client: postgres.Sql;
let ws: string;
let usd: { campaignId: string; prefix: string };
let eur: { campaignId: string; prefix: string };

type Row = { id: string; status: string; currency: string; campaign_id: string; creator_id: string; code: string; order_name: string; order_created_at: Date };

async function all(): Promise<Row[]> {
  return client<Row[]>`select id, status, currency, campaign_id, creator_id, code, order_name, order_created_at from conversions where workspace_id = ${ws} order by order_created_at desc, id desc`;
}

async function walk(filters: ConversionFilters, limit: number) {
  const ids: string[] = [];
  let after: ReturnType<typeof decodeQueueCursor> | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listConversionQueuePage(db, { ...filters, after, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.conversion.id));
    if (!page.next) return ids;
    after = decodeQueueCursor(page.next);
  }
  throw new Error("did not finish");
}

beforeAll(async () => {
  db = await getDb();
  client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 2 });
  const other = await createTestBrand(db);
  await seedCampaign(client, { workspaceId: other.workspace.id, prefix: `o${uniq()}`, creators: 5, orders: 50, days: 10, trigger: true });
  const brand = await createTestBrand(db);
  ws = brand.workspace.id;
  // One connected shop per workspace, and Shopify order ids unique per workspace: the EUR store is
  // seeded first, its order ids moved out of the way, then disconnected before the USD one.
  const p2 = `e${uniq()}`;
  const b = await seedCampaign(client, { workspaceId: ws, prefix: p2, creators: 3, orders: 60, days: 40, currency: "EUR", trigger: true });
  eur = { campaignId: b.campaignId, prefix: p2 };
  await client`update orders set shopify_order_id = shopify_order_id + 100000, name = '#E' || shopify_order_id where shop_id = ${b.shopId}`;
  await client`update conversions set shopify_order_id = shopify_order_id + 100000, order_name = '#E' || shopify_order_id where shop_id = ${b.shopId}`;
  await client`update shops set status = 'disconnected' where id = ${b.shopId}`;
  const p1 = `q${uniq()}`;
  const a = await seedCampaign(client, { workspaceId: ws, prefix: p1, creators: 8, orders: 400, days: 40, trigger: true });
  usd = { campaignId: a.campaignId, prefix: p1 };
  // Test fixture: every 7th USD order flagged by the rules (a status, not money: the ledger is unchanged).
  await client`update conversions set status = 'flagged' where campaign_id = ${usd.campaignId} and status = 'approved' and shopify_order_id % 7 = 0`;
  // Two orders placed in the same microsecond: the keyset's tie-break on id must keep both.
  await client`update conversions set order_created_at = '2026-01-15T12:00:00.123456Z' where campaign_id = ${usd.campaignId} and shopify_order_id in (10, 11)`;
  await client`analyze conversions`;
}, 120_000);

describe("conversion review queue", () => {
  it("walks every matching conversion once, newest first, whatever the page size (ties in one microsecond included)", async () => {
    const expected = (await all()).map((r) => r.id);
    expect(expected.length).toBe(460);
    for (const limit of [1, 7, 50, 500]) {
      if (limit === 1) {
        // page size 1 over 460 rows is slow-ish; a 30-row slice proves the tie-break just as well
        const ids = await walk({ workspaceId: ws, campaignId: usd.campaignId, placedFrom: new Date("2026-01-15T12:00:00Z"), placedBefore: new Date("2026-01-15T12:00:01Z") }, 1);
        expect(ids.length).toBe(2);
        continue;
      }
      expect(await walk({ workspaceId: ws }, limit)).toEqual(expected);
    }
  });

  it("filters by status, campaign, creator, code and order, each against a plain SQL count", async () => {
    const rows = await all();
    const flagged = rows.filter((r) => r.status === "flagged");
    expect(flagged.length).toBeGreaterThan(20);
    expect(await walk({ workspaceId: ws, status: "flagged" }, 25)).toEqual(flagged.map((r) => r.id));
    expect(await walk({ workspaceId: ws, campaignId: eur.campaignId }, 25)).toEqual(rows.filter((r) => r.campaign_id === eur.campaignId).map((r) => r.id));
    const creator = rows[3]!.creator_id;
    expect(await walk({ workspaceId: ws, creatorId: creator }, 25)).toEqual(rows.filter((r) => r.creator_id === creator).map((r) => r.id));
    const code = rows[5]!.code;
    // Codes match case-insensitively and regardless of surrounding spaces.
    expect(await walk({ workspaceId: ws, code: ` ${code.toLowerCase()} ` }, 25)).toEqual(rows.filter((r) => r.code === code).map((r) => r.id));
    const order = rows[9]!;
    expect(await walk({ workspaceId: ws, orderName: order.order_name.slice(1) }, 25)).toEqual(rows.filter((r) => r.order_name === order.order_name).map((r) => r.id));
    // Combined: flagged in the USD campaign for one creator.
    const both = rows.filter((r) => r.status === "flagged" && r.creator_id === flagged[0]!.creator_id);
    expect(await walk({ workspaceId: ws, status: "flagged", creatorId: flagged[0]!.creator_id }, 3)).toEqual(both.map((r) => r.id));
    // Another workspace's campaign filters to nothing here.
    expect(await walk({ workspaceId: ws, campaignId: `cmp_nothere` }, 25)).toEqual([]);
  });

  it("a date range is whole days in the shop's zone, both ends inclusive", async () => {
    const rows = await all();
    const day = rows[100]!.order_created_at;
    const tz = "America/Los_Angeles";
    const local = new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(day);
    const range = localDayRange({ from: local, to: local }, tz);
    expect(range.placedBefore!.getTime() - range.placedFrom!.getTime()).toBeGreaterThanOrEqual(23 * 3_600_000);
    const inDay = rows.filter((r) => new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(r.order_created_at) === local);
    expect(inDay.length).toBeGreaterThan(0);
    const q = ZConversionQueueQuery.parse({ from: local, to: local, status: "" });
    expect(await walk(filtersFromQueueQuery(ws, q, tz), 4)).toEqual(inDay.map((r) => r.id));
    // A zone whose midnight is skipped: the day starts at 01:00 local (Chile, 6 Sep 2026).
    expect(localDayRange({ from: "2026-09-06" }, "America/Santiago").placedFrom!.toISOString()).toBe("2026-09-06T04:00:00.000Z");
  });

  it("totals cover the whole filtered set, one line per currency, and equal the sum of its rows", async () => {
    const totals = await conversionQueueTotals(db, { workspaceId: ws });
    expect(totals.map((t) => t.currency)).toEqual(["EUR", "USD"]);
    const [sums] = await client<{ usd: string; usd_commission: string; n: number }[]>`
      select sum(order_amount_cents + pending_amount_cents - refund_amount_cents) as usd, sum(commission_cents - refunded_commission_cents) as usd_commission, count(*)::int as n
      from conversions where workspace_id = ${ws} and currency = 'USD'`;
    const u = totals.find((t) => t.currency === "USD")!;
    expect(u.count).toBe(400);
    expect(u.count).toBe(sums!.n);
    expect(u.netSalesCents).toBe(Number(sums!.usd));
    expect(u.netCommissionCents).toBe(Number(sums!.usd_commission));
    expect(totals.find((t) => t.currency === "EUR")!.count).toBe(60);
    const flagged = await conversionQueueTotals(db, { workspaceId: ws, status: "flagged" });
    expect(flagged.map((t) => t.currency)).toEqual(["USD"]);
    expect(flagged[0]!.count).toBe((await all()).filter((r) => r.status === "flagged").length);
    expect(await conversionQueueTotals(db, { workspaceId: ws, code: "NO-SUCH-CODE" })).toEqual([]);
  });

  it("a page's cursor keeps its place when newer conversions arrive and older ones change status", async () => {
    const first = await listConversionQueuePage(db, { workspaceId: ws, campaignId: usd.campaignId, limit: 20 });
    const second = await listConversionQueuePage(db, { workspaceId: ws, campaignId: usd.campaignId, limit: 20, after: decodeQueueCursor(first.next!) });
    const lastOfFirst = first.rows[19]!.conversion.id;
    await client`update conversions set status = 'denied' where id = ${first.rows[0]!.conversion.id}`;
    await client`update conversions set order_created_at = now() where id = ${second.rows[19]!.conversion.id}`;
    const again = await listConversionQueuePage(db, { workspaceId: ws, campaignId: usd.campaignId, limit: 20, after: decodeQueueCursor(first.next!) });
    expect(again.rows.map((r) => r.conversion.id).slice(0, 19)).toEqual(second.rows.map((r) => r.conversion.id).slice(0, 19));
    expect(again.rows.map((r) => r.conversion.id)).not.toContain(lastOfFirst);
  });

  it("bad query values are reported per field; a forged cursor is a 400", () => {
    const bad = ZConversionQueueQuery.safeParse({ status: "lost", from: "2026-02-30", to: "yesterday", code: "NO SPACES" });
    expect(bad.success).toBe(false);
    const fields = bad.error!.flatten().fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["code", "from", "status", "to"]);
    expect(ZConversionQueueQuery.safeParse({ from: "2026-03-02", to: "2026-03-01" }).error!.flatten().fieldErrors.to).toEqual(["The end date is before the start date."]);
    for (const c of ["nope", Buffer.from('{"t":"2026","id":"x"}').toString("base64url")]) {
      expect(() => decodeQueueCursor(c)).toThrow(AppError);
    }
  });

  it("the CSV export is the whole filtered set, in the queue's order, with the totals' money to the cent", async () => {
    let text = "";
    for await (const chunk of conversionsCsv(db, { workspaceId: ws, status: "flagged" }, "America/New_York")) text += chunk;
    const [header, ...records] = parse(text) as string[][];
    expect(header).toContain("placed_at_America/New_York");
    const flagged = (await all()).filter((r) => r.status === "flagged");
    expect(records.map((r) => r[0])).toEqual(flagged.map((r) => r.id));
    const col = (name: string) => header!.indexOf(name);
    const cents = (v: string) => Math.round(Number(v) * 100);
    const [totals] = await conversionQueueTotals(db, { workspaceId: ws, status: "flagged" });
    expect(records.reduce((s, r) => s + cents(r[col("net_commission")]!), 0)).toBe(totals!.netCommissionCents);
    expect(records.every((r) => r[col("status")] === "flagged" && r[col("currency")] === "USD")).toBe(true);
  });
});
