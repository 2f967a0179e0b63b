import { parse } from "csv-parse/sync";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { ordersQueueCsv } from "./export-orders-csv";
import { decodeOrderCursor, listOrderQueuePage, orderQueueTotals } from "./list-order-queue";
import { orderFiltersFromQuery, ZOrderQueueQuery, type OrderFilters, type OrderState } from "./order-filters";

/**
 * The orders list on real Postgres: a workspace with 300 USD orders over 30 days (some refunded in
 * part or full, some cancelled, unpaid, voided; two placed in the same microsecond), next to
 * another workspace's orders that must never show. Expected sets come from plain SQL.
 */
let db: Db;
let client: postgres.Sql;
let ws: string;
let seeded: { campaignId: string; shopId: string; prefix: string };

type Row = { id: string; state: OrderState; currency: string; subtotal_cents: string; refunded: string; creator_id: string | null; campaign_id: string | null; codes: string[]; shopify_created_at: Date };

async function all(): Promise<Row[]> {
  return client<Row[]>`
    select o.id, o.currency, o.subtotal_cents, o.discount_codes as codes, o.shopify_created_at, c.creator_id, c.campaign_id,
      coalesce((select sum(r.subtotal_cents) from refunds r where r.workspace_id = o.workspace_id and r.shopify_order_id = o.shopify_order_id), 0) as refunded,
      case when o.cancelled_at is not null then 'cancelled'
           when exists (select 1 from refunds r where r.workspace_id = o.workspace_id and r.shopify_order_id = o.shopify_order_id) then 'refunded'
           when o.financial_status in ('voided', 'expired') then 'voided'
           when o.financial_status in ('paid', 'partially_refunded', 'refunded') then 'open'
           else 'awaiting_payment' end as state
    from orders o left join conversions c on c.order_id = o.id
    where o.workspace_id = ${ws} order by o.shopify_created_at desc, o.id desc`;
}

async function walk(filters: OrderFilters, limit: number) {
  const ids: string[] = [];
  let after: ReturnType<typeof decodeOrderCursor> | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await listOrderQueuePage(db, { ...filters, after, limit });
    expect(page.rows.length).toBeLessThanOrEqual(limit);
    ids.push(...page.rows.map((r) => r.id));
    if (!page.next) return ids;
    after = decodeOrderCursor(page.next);
  }
  throw new Error("did not finish");
}

beforeAll(async () => {
  db = await getDb();
  client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 2 });
  const other = await createTestBrand(db);
  await seedCampaign(client, { workspaceId: other.workspace.id, prefix: `o${uniq()}`, creators: 4, orders: 40, days: 10, trigger: true });
  const brand = await createTestBrand(db);
  ws = brand.workspace.id;
  const prefix = `q${uniq()}`;
  const s = await seedCampaign(client, { workspaceId: ws, prefix, creators: 6, orders: 300, days: 30, trigger: true });
  seeded = { ...s, prefix };
  // Test fixture: Shopify's facts for the orders list (payment states, cancellations, refunds);
  // the list reads orders and refunds only, so the ledger is left as seeded.
  await client`update orders set financial_status = 'paid' where workspace_id = ${ws}`;
  await client`update orders set financial_status = 'pending' where workspace_id = ${ws} and shopify_order_id % 11 = 0`;
  await client`update orders set financial_status = 'voided' where workspace_id = ${ws} and shopify_order_id % 13 = 0`;
  await client`update orders set cancelled_at = shopify_created_at + interval '1 hour' where workspace_id = ${ws} and shopify_order_id % 17 = 0`;
  await client`insert into refunds (id, workspace_id, shop_id, shopify_refund_id, shopify_order_id, currency, subtotal_cents, shopify_created_at)
    select 'ref_' || ${prefix} || shopify_order_id, workspace_id, shop_id, 900000 + shopify_order_id, shopify_order_id, currency, subtotal_cents / 4, shopify_created_at + interval '2 days'
    from orders where workspace_id = ${ws} and shopify_order_id % 7 = 0`;
  // A second refund of one order: the order counts once, its refunds add up.
  await client`insert into refunds (id, workspace_id, shop_id, shopify_refund_id, shopify_order_id, currency, subtotal_cents, shopify_created_at)
    values (${`ref_${prefix}x`}, ${ws}, ${s.shopId}, 999999, 14, 'USD', 100, now())`;
  // Orders credited to nobody match no campaign or creator; some typed a store code of another kind.
  await client`update orders set discount_codes = '["welcome5"]'::jsonb where workspace_id = ${ws} and shopify_order_id % 10 = 3`;
  await client`insert into orders (id, workspace_id, shop_id, shopify_order_id, name, currency, subtotal_cents, total_discounts_cents, total_tax_cents, total_price_cents, discount_codes, financial_status, shopify_created_at, shopify_updated_at, attribution_status)
    select 'ord_' || ${prefix} || 'u' || g, ${ws}, ${s.shopId}, 5000 + g, '#' || (6000 + g), 'USD', 1000 * g, 0, 0, 1000 * g, '["welcome5"]'::jsonb, 'paid', now() - g * interval '1 day', now(), 'unattributed'
    from generate_series(1, 5) g`;
  // Two orders placed in the same microsecond: the keyset's tie-break on id keeps both.
  await client`update orders set shopify_created_at = '2026-01-15T12:00:00.123456Z' where workspace_id = ${ws} and shopify_order_id in (20, 21)`;
}, 120_000);

describe("orders list", () => {
  it("walks every order of the workspace once, newest first, whatever the page size (ties in one microsecond included)", async () => {
    const expected = (await all()).map((r) => r.id);
    expect(expected.length).toBe(305);
    for (const limit of [7, 50, 500]) expect(await walk({ workspaceId: ws }, limit)).toEqual(expected);
    const tie = await walk({ workspaceId: ws, placedFrom: new Date("2026-01-15T12:00:00Z"), placedBefore: new Date("2026-01-15T12:00:01Z") }, 1);
    expect(tie.length).toBe(2);
  });

  it("filters by status, campaign, creator, code, order and dates; totals are those of the whole filtered set", async () => {
    const rows = await all();
    const creator = rows.find((r) => r.creator_id)!.creator_id!;
    const mid = rows[150]!.shopify_created_at;
    const cases: [OrderFilters, (r: Row) => boolean][] = [
      ...(["open", "awaiting_payment", "refunded", "cancelled", "voided"] as const).map((state): [OrderFilters, (r: Row) => boolean] => [{ workspaceId: ws, state }, (r) => r.state === state]),
      [{ workspaceId: ws, campaignId: seeded.campaignId }, (r) => r.campaign_id === seeded.campaignId],
      [{ workspaceId: ws, creatorId: creator }, (r) => r.creator_id === creator],
      [{ workspaceId: ws, code: " WELCOME5 " }, (r) => r.codes.includes("welcome5")],
      [{ workspaceId: ws, code: `${seeded.prefix.toLowerCase()}-1` }, (r) => r.codes.some((c) => c.toUpperCase() === `${seeded.prefix.toUpperCase()}-1`)],
      [{ workspaceId: ws, orderName: "1042" }, (r) => r.id === rows.find((x) => x.id.endsWith("00000042"))!.id],
      [{ workspaceId: ws, placedFrom: mid }, (r) => r.shopify_created_at >= mid],
      [{ workspaceId: ws, placedBefore: mid, state: "refunded" }, (r) => r.shopify_created_at < mid && r.state === "refunded"],
    ];
    for (const [filters, keep] of cases) {
      const expected = rows.filter(keep);
      expect(expected.length, JSON.stringify(filters)).toBeGreaterThan(0);
      const ids = await walk(filters, 40);
      expect(ids, JSON.stringify(filters)).toEqual(expected.map((r) => r.id));
      const [totals] = await orderQueueTotals(db, filters);
      const matched = rows.filter((r) => ids.includes(r.id));
      expect(totals).toMatchObject({
        currency: "USD",
        count: ids.length,
        subtotalCents: matched.reduce((n, r) => n + Number(r.subtotal_cents), 0),
        refundedCents: matched.reduce((n, r) => n + Number(r.refunded), 0),
      });
    }
  });

  it("shows nothing of another workspace, even by its campaign", async () => {
    const other = await createTestBrand(db);
    expect((await listOrderQueuePage(db, { workspaceId: other.workspace.id, limit: 50 })).rows).toEqual([]);
    expect(await orderQueueTotals(db, { workspaceId: other.workspace.id, campaignId: seeded.campaignId })).toEqual([]);
  });

  it("parses the query string: every bad field at once, dates in the shop's zone", () => {
    const bad = ZOrderQueueQuery.safeParse({ status: "shipped", code: "a b", from: "2026-02-30", to: "2026-01-01" });
    expect(bad.success).toBe(false);
    expect(Object.keys(bad.error!.flatten().fieldErrors).sort()).toEqual(["code", "from", "status"]);
    const ok = ZOrderQueueQuery.parse({ status: "", code: "jane10", from: "2026-03-29", to: "2026-03-29" });
    const f = orderFiltersFromQuery(ws, ok, "Europe/Madrid");
    expect(f.state).toBeUndefined();
    expect(f.placedFrom!.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(f.placedBefore!.toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  it("refuses a cursor that does not decode", () => {
    expect(() => decodeOrderCursor("nope!")).toThrow(AppError);
    expect(() => decodeOrderCursor(Buffer.from(JSON.stringify({ t: "2026", id: "ord_1" })).toString("base64url"))).toThrow(AppError);
  });

  it("exports the filtered set as CSV: every row once, amounts exact, the zone in the header", async () => {
    const filters: OrderFilters = { workspaceId: ws, state: "refunded" };
    let text = "";
    for await (const chunk of ordersQueueCsv(db, filters, "America/New_York")) text += chunk;
    const records = parse(text, { columns: true }) as Record<string, string>[];
    const expected = (await all()).filter((r) => r.state === "refunded");
    expect(records.map((r) => r.order_id)).toEqual(expected.map((r) => r.id));
    expect(Object.keys(records[0]!)).toContain("placed_at_America/New_York");
    const [totals] = await orderQueueTotals(db, filters);
    const cents = (col: string) => records.reduce((n, r) => n + Math.round(Number(r[col]) * 100), 0);
    expect(cents("subtotal")).toBe(totals!.subtotalCents);
    expect(cents("refunded")).toBe(totals!.refundedCents);
    expect(records.every((r) => r.status === "refunded")).toBe(true);
  });
});
