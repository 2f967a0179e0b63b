import { asc, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as listConversions } from "@/app/api/v1/conversions/route";
import { conversions } from "@/db/schema";
import { changeConversionStatus } from "@/lib/attribution/change-conversion-status";
import { createId } from "@/lib/ids";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { addedCreators, brandWithStore, campaignWithCreators } from "@/test/campaign-with-creators";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { decodeConversionsCursor, encodeConversionsCursor } from "./conversions";
import { openApiDocument } from "./openapi";

type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const h = simulatorAndBridgeForFile();

const hour = 3600_000;

async function get(query: string, key: string | null) {
  const req = new NextRequest(`http://localhost/api/v1/conversions${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const res = await (listConversions as unknown as Handler)(req, { params: Promise.resolve({}) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse("GET", req.url, res.status, json);
  return { status: res.status, body: json };
}

/** Every page from `query` on, following `next_cursor`; returns the rows and the pages' sizes. */
async function all(key: string, query = "", limit = 2) {
  const rows: Json[] = [];
  const sizes: number[] = [];
  let cursor: string | null = null;
  do {
    const sep = query ? "&" : "?";
    const res = await get(`${query}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`, key);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    rows.push(...(res.body.data as Json[]));
    sizes.push(res.body.data.length);
    cursor = res.body.next_cursor as string | null;
  } while (cursor);
  return { rows, sizes };
}

/** A brand on a simulated Plus store with campaigns (10 % off, 15 % commission) and their creators' live codes. */
async function brandWithCampaigns(creatorNames: string[][]) {
  const { brand, shop } = await brandWithStore(h.db, h.env);
  const campaigns = [];
  for (const names of creatorNames) {
    const { campaign, results } = await campaignWithCreators(h.db, brand, names.map((name) => ({ email: `${name.toLowerCase()}-${uniq()}@example.com`, full_name: `${name} Stone` })));
    campaigns.push({ id: campaign.id, creators: addedCreators(results).map((r) => ({ creatorId: r.creatorId, code: r.code })) });
  }
  return { brand, shop, key: brand.apiKey, campaigns };
}

/** Places $100 orders with these codes in the simulated store and waits until Tally has attributed them. */
async function placeOrders(shopDomain: string, codes: string[]) {
  const orders = codes.map(
    (code) =>
      h.env.sim.placeOrder(shopDomain, {
        lineItems: [{ title: "Serum", price: 10000, quantity: 1 }],
        discountCodes: [code],
        email: `buyer-${uniq()}@example.com`,
      }).order,
  );
  await h.env.sim.webhooks.waitForIdle();
  await drainInProcessJobs();
  return orders;
}

const ids = (rows: Json[]) => rows.map((r) => r.id as string);

describe("API v1 GET /conversions", () => {
  it("answers 401 without a key or with an unknown key", async () => {
    for (const key of [null, `tly_${uniq()}`]) {
      const res = await get("", key);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: "unauthorized", message: expect.any(String) } });
    }
  });

  it("15 % of a $100 order with 10 % off: the conversion with its exact, refund-adjusted fields", async () => {
    const { key, shop, campaigns } = await brandWithCampaigns([["Ava"]]);
    const { creatorId, code } = campaigns[0]!.creators[0]!;
    const [order] = await placeOrders(shop.domain, [code]);

    const res = await get("", key);
    expect(res.status).toBe(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.data).toHaveLength(1);
    const row = res.body.data[0] as Json;
    expect(row).toEqual({
      id: expect.stringMatching(/^cnv_[0-9a-z]{26}$/),
      order_id: String(order!.id),
      order_name: order!.name,
      order_created_at: expect.any(String),
      campaign_id: campaigns[0]!.id,
      creator_id: creatorId,
      type: "coupon",
      code,
      status: "approved",
      currency: "USD",
      order_amount: 9000,
      commission_rate_bps: 1500,
      commission_amount: 1350,
      refund_amount: 0,
      refund_at: null,
      net_amount: 9000,
      net_commission: 1350,
      pending_amount: 0,
      pending_commission: 0,
      // held 30 days (the default) after the order was paid; nothing paid yet
      payable_at: new Date(Date.parse(row.order_created_at) + 30 * 86_400_000).toISOString(),
      paid_amount: 0,
      explanation: expect.stringContaining(code),
      explanation_details: expect.objectContaining({
        summary: row.explanation,
        rule: "single_code",
        candidates: [expect.objectContaining({ kind: "code", value: code, creator_id: creatorId, outcome: "won" })],
        settings: expect.objectContaining({ tie_break: expect.any(String), click_window_days: expect.any(Number) }),
        amount: expect.objectContaining({ amount_cents: 9000, rate_bps: 1500, commission_cents: 1350, currency: "USD" }),
      }),
      // every line with what it earns and why (issue 21): one line, at the campaign rate
      lines: [{ line_item_id: expect.stringMatching(/^[0-9]+$/), title: expect.any(String), quantity: expect.any(Number), amount: 9000, commission: 1350, rule: { type: "campaign_rate", rate_bps: 1500, fixed_per_unit: null, excluded: false } }],
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(row.order_id).toMatch(/^[0-9]+$/);
    expect(row.explanation).toContain("$13.50");
    // The instants are the stored ones.
    const [stored] = await h.db.select().from(conversions).where(eq(conversions.id, row.id));
    expect(row.created_at).toBe(stored!.createdAt.toISOString());
    expect(row.order_created_at).toBe(stored!.orderCreatedAt.toISOString());
    expect(Math.abs(stored!.orderCreatedAt.getTime() - order!.createdAt)).toBeLessThan(1000);
    expect(row.updated_at).toBe(stored!.updatedAt.toISOString());
  });

  it("filters by campaign, creator, status and updated_since", async () => {
    const { brand, key, shop, campaigns } = await brandWithCampaigns([["Xia", "Yan"], ["Zed"]]);
    const [x, y] = campaigns[0]!.creators as [{ creatorId: string; code: string }, { creatorId: string; code: string }];
    const z1 = campaigns[1]!.creators[0]!;
    await placeOrders(shop.domain, [x.code, x.code, y.code, z1.code]);

    const everything = (await all(key)).rows;
    expect(everything).toHaveLength(4);

    const byCampaign = (await all(key, `?campaign_id=${campaigns[0]!.id}`)).rows;
    expect(byCampaign.map((r) => r.campaign_id)).toEqual([campaigns[0]!.id, campaigns[0]!.id, campaigns[0]!.id]);
    expect((await all(key, `?campaign_id=${campaigns[1]!.id}`)).rows.map((r) => r.creator_id)).toEqual([z1.creatorId]);
    expect((await all(key, `?creator_id=${y.creatorId}`)).rows.map((r) => r.code)).toEqual([y.code]);
    expect((await all(key, `?creator_id=${x.creatorId}&campaign_id=${campaigns[0]!.id}`)).rows).toHaveLength(2);
    expect((await all(key, `?creator_id=${x.creatorId}&campaign_id=${campaigns[1]!.id}`)).rows).toEqual([]);
    // The review queue's filters: a code (any case) and when the order was placed ([from, before)).
    expect((await all(key, `?code=${y.code.toLowerCase()}`)).rows.map((r) => r.creator_id)).toEqual([y.creatorId]);
    const placed = everything.map((r) => r.order_created_at as string).sort();
    expect((await all(key, `?order_created_from=${encodeURIComponent(placed[0]!)}`)).rows).toHaveLength(4);
    expect((await all(key, `?order_created_before=${encodeURIComponent(placed[0]!)}`)).rows).toEqual([]);
    expect((await all(key, `?order_created_from=${encodeURIComponent(placed[3]!)}&code=${x.code}`)).rows.every((r) => r.code === x.code && (r.order_created_at as string) >= placed[3]!)).toBe(true);
    expect((await all(key, "?order_created_from=2000-01-01&order_created_before=2000-01-02")).rows).toEqual([]);

    // Denying one moves it (a later updated_at) and changes what each status filter sees.
    const denied = everything.find((r) => r.creator_id === y.creatorId)!;
    await changeConversionStatus(h.db, { workspaceId: brand.workspace.id, conversionId: denied.id, to: "denied", userId: brand.user.id });
    expect((await all(key, "?status=denied")).rows).toEqual([
      expect.objectContaining({ id: denied.id, status: "denied", commission_amount: 0, net_commission: 0, net_amount: 9000 }),
    ]);
    expect(ids((await all(key, "?status=approved")).rows).sort()).toEqual(ids(everything.filter((r) => r.id !== denied.id)).sort());
    expect((await all(key, "?status=flagged")).rows).toEqual([]);

    // updated_since is inclusive: the same millisecond as a seen updated_at comes again (upsert by id).
    const now = (await all(key)).rows;
    expect(now[now.length - 1]!.id).toBe(denied.id);
    const since = now[1]!.updated_at as string;
    const sinceRows = (await all(key, `?updated_since=${encodeURIComponent(since)}`)).rows;
    expect(ids(sinceRows)).toEqual(ids(now.filter((r) => r.updated_at >= since)));
    expect(ids(sinceRows)).toContain(now[1]!.id);
    // (now[0] is excluded only when it is in an earlier millisecond; the equality above checks exactly that.)
    const deniedSince = (await all(key, `?updated_since=${encodeURIComponent(now[now.length - 1]!.updated_at)}`)).rows;
    expect(ids(deniedSince)).toContain(denied.id);
    // An offset and a plain date are ISO 8601 too.
    const plusTwo = new Date(new Date(since).getTime() + 2 * hour).toISOString().replace("Z", "+02:00");
    expect(ids((await all(key, `?updated_since=${encodeURIComponent(plusTwo)}`)).rows)).toEqual(ids(sinceRows));
    expect((await all(key, "?updated_since=2000-01-01")).rows).toHaveLength(4);
    expect((await all(key, `?updated_since=${new Date(Date.now() + hour).toISOString()}`)).rows).toEqual([]);
    expect((await all(key, `?updated_since=${encodeURIComponent(since)}&creator_id=${x.creatorId}`)).rows.every((r) => r.creator_id === x.creatorId)).toBe(true);
  });

  it("answers 422 with field errors for bad parameters and 400 for a bad cursor", async () => {
    const { key } = await brandWithCampaigns([["Val"]]);
    const cases: [string, string[]][] = [
      ["?limit=0", ["limit"]],
      ["?limit=201", ["limit"]],
      ["?limit=abc", ["limit"]],
      ["?updated_since=yesterday", ["updated_since"]],
      ["?updated_since=2026-13-01T00:00:00Z", ["updated_since"]],
      ["?updated_since=2026-05-01T00:00:00", ["updated_since"]],
      ["?status=paid", ["status"]],
      ["?campaign_id=", ["campaign_id"]],
      ["?limit=500&updated_since=nope&status=x", ["limit", "status", "updated_since"]],
      ["?code=a%20b", ["code"]],
      ["?order_created_from=nope&order_created_before=2026-13-01", ["order_created_before", "order_created_from"]],
      ["?order_created_from=2026-05-02&order_created_before=2026-05-01", ["order_created_before"]],
    ];
    for (const [query, fields] of cases) {
      const res = await get(query, key);
      expect(res.status, query).toBe(422);
      expect(res.body.error, query).toMatchObject({ code: "validation_failed", message: expect.any(String) });
      expect(Object.keys(res.body.error.details.fields).sort(), query).toEqual(fields);
      for (const f of fields) expect(res.body.error.details.fields[f][0], query).toEqual(expect.any(String));
    }
    const id = createId("conversion");
    const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");
    const badCursors = [
      "garbage!!",
      b64("not json"),
      b64({}),
      b64(id), // an id cursor (as other lists use) is not this list's
      b64({ t: "2026-05-01T12:00:00.123Z", id }), // milliseconds only
      b64({ t: "2026-02-30T12:00:00.123456Z", id }),
      b64({ t: "2026-05-01T12:00:00.123456Z", id: id.replace("cnv_", "cmp_") }),
      b64({ t: "2026-05-01T12:00:00.123456Z", id: "cnv_01jd8k3v6x9q2w4e5r7t8y9u0a" }), // not an id: i, l, o, u are not in the alphabet
      b64({ t: "2026-05-01T12:00:00.123456Z", id, extra: 1 }),
    ];
    for (const cursor of badCursors) {
      const res = await get(`?cursor=${cursor}`, key);
      expect(res.status, cursor).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
    }
    const good = encodeConversionsCursor({ t: "2026-05-01T12:00:00.123456Z", id });
    expect(good).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeConversionsCursor(good)).toEqual({ t: "2026-05-01T12:00:00.123456Z", id });
    expect((await get(`?cursor=${good}`, key)).status).toBe(200);
  });

  it("pages over every conversion exactly once, also while orders keep coming in: new ones appear at the end", async () => {
    const { brand, key, shop, campaigns } = await brandWithCampaigns([["Pia", "Quinn"]]);
    const [p, q] = campaigns[0]!.creators.map((c) => c.code) as [string, string];
    await placeOrders(shop.domain, [p, q, p, q, p]);

    const quiet = await all(key);
    expect(quiet.sizes).toEqual([2, 2, 1]);
    const originals = ids(quiet.rows);
    expect(new Set(originals).size).toBe(5);
    // Oldest update first (to the microsecond, as stored), ties by id.
    const stored = await h.db.select({ id: conversions.id }).from(conversions).where(eq(conversions.workspaceId, brand.workspace.id)).orderBy(asc(conversions.updatedAt), asc(conversions.id));
    expect(ids(stored)).toEqual(originals);

    // Page 1, then two new orders, then the rest.
    const first = await get("?limit=2", key);
    expect(ids(first.body.data)).toEqual(originals.slice(0, 2));
    const added = await placeOrders(shop.domain, [q, p]);
    const seen = ids(first.body.data);
    let cursor = first.body.next_cursor as string | null;
    while (cursor) {
      const res = await get(`?limit=2&cursor=${cursor}`, key);
      expect(res.status).toBe(200);
      seen.push(...ids(res.body.data));
      cursor = res.body.next_cursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(0, 5)).toEqual(originals);
    const rest = (await all(key)).rows.slice(5);
    expect(seen.slice(5)).toEqual(ids(rest));
    expect(rest.map((r) => r.order_id).sort()).toEqual(added.map((o) => String(o.id)).sort());
  });

  it("rows updated within the same millisecond are neither skipped nor repeated (the cursor keeps microseconds)", async () => {
    const { key, shop, campaigns } = await brandWithCampaigns([["Mia"]]);
    const { code } = campaigns[0]!.creators[0]!;
    await placeOrders(shop.domain, [code, code, code, code, code, code]);
    const rows = (await all(key, "", 200)).rows;
    expect(rows).toHaveLength(6);
    const [c0, c1, c2, c3, c4, c5] = ids(rows).sort();
    // Microseconds inside one millisecond, against the id order; c2 and c3 tie to the microsecond.
    const at: [string, string][] = [
      [c0!, "2030-01-01T00:00:00.123000Z"],
      [c4!, "2030-01-01T00:00:00.123001Z"],
      [c3!, "2030-01-01T00:00:00.123002Z"],
      [c2!, "2030-01-01T00:00:00.123002Z"],
      [c1!, "2030-01-01T00:00:00.123999Z"],
      [c5!, "2030-01-01T00:00:00.124000Z"],
    ];
    for (const [id, t] of at) await h.db.execute(sql`update conversions set updated_at = ${t}::timestamptz where id = ${id}`);
    const expected = [c0, c4, c2, c3, c1, c5];

    for (const limit of [1, 2, 3, 4, 5, 6]) {
      const { rows: paged, sizes } = await all(key, "", limit);
      expect(ids(paged), `limit=${limit}`).toEqual(expected);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(6);
    }
    // The cursor after c4 carries its microseconds; a JS Date would have cut them.
    const one = await get("?limit=2", key);
    expect(decodeConversionsCursor(one.body.next_cursor)).toEqual({ t: "2030-01-01T00:00:00.123001Z", id: c4 });
    expect(one.body.data[1].updated_at).toBe("2030-01-01T00:00:00.123Z");
    // Continuing from the middle of the millisecond, with filters.
    const after = await get(`?limit=2&cursor=${one.body.next_cursor}&campaign_id=${campaigns[0]!.id}`, key);
    expect(ids(after.body.data)).toEqual([c2, c3]);
    expect(decodeConversionsCursor(after.body.next_cursor)).toEqual({ t: "2030-01-01T00:00:00.123002Z", id: c3 });

    // updated_since (milliseconds, inclusive) at that millisecond returns all of it.
    expect(ids((await all(key, "?updated_since=2030-01-01T00:00:00.123Z")).rows)).toEqual(expected);
    expect(ids((await all(key, "?updated_since=2030-01-01T00:00:00.123500Z")).rows)).toEqual(expected);
    expect(ids((await all(key, "?updated_since=2030-01-01T00:00:00.124Z")).rows)).toEqual([c5]);
  });

  it("a key of workspace A never sees B's conversions, also when filtering by B's campaign or creator or with B's cursor", async () => {
    const a = await brandWithCampaigns([["Ada"]]);
    const b = await brandWithCampaigns([["Bea"]]);
    await placeOrders(a.shop.domain, [a.campaigns[0]!.creators[0]!.code]);
    await placeOrders(b.shop.domain, [b.campaigns[0]!.creators[0]!.code, b.campaigns[0]!.creators[0]!.code]);

    const aRows = (await all(a.key)).rows;
    const bRows = (await all(b.key)).rows;
    expect(aRows).toHaveLength(1);
    expect(bRows).toHaveLength(2);
    expect(aRows[0]!.campaign_id).toBe(a.campaigns[0]!.id);

    for (const query of [`?campaign_id=${b.campaigns[0]!.id}`, `?creator_id=${b.campaigns[0]!.creators[0]!.creatorId}`, "?status=approved", "?updated_since=2000-01-01"]) {
      const res = await get(query, a.key);
      expect(res.status, query).toBe(200);
      expect(JSON.stringify(res.body), query).not.toContain(bRows[0]!.id);
      expect(JSON.stringify(res.body), query).not.toContain(bRows[1]!.id);
    }
    expect((await get(`?campaign_id=${b.campaigns[0]!.id}`, a.key)).body).toEqual({ data: [], next_cursor: null });

    // A cursor built from B's first conversion only positions A's own list.
    const [bFirst] = await h.db.select().from(conversions).where(eq(conversions.id, bRows[0]!.id));
    const foreign = encodeConversionsCursor({ t: `${bFirst!.updatedAt.toISOString().slice(0, 23)}000Z`, id: bFirst!.id });
    const withForeign = await get(`?cursor=${foreign}&limit=200`, a.key);
    expect(withForeign.status).toBe(200);
    expect(JSON.stringify(withForeign.body)).not.toContain(bRows[1]!.id);
    expect((withForeign.body.data as Json[]).every((r) => r.campaign_id === a.campaigns[0]!.id)).toBe(true);
  });

  it("answers exactly the fields the OpenAPI document describes, and an old client reading only the contract's fields keeps working", async () => {
    const { key, shop, campaigns } = await brandWithCampaigns([["Olga"]]);
    await placeOrders(shop.domain, [campaigns[0]!.creators[0]!.code, campaigns[0]!.creators[0]!.code]);

    const doc = openApiDocument("http://localhost:3000");
    const schema = doc.components.schemas.Conversion as { required: string[]; properties: Record<string, unknown> };
    const res = await get("?limit=1", key);
    expect(res.status).toBe(200);
    const row = res.body.data[0] as Json;
    expect(Object.keys(row).sort()).toEqual(Object.keys(schema.properties).sort());
    expect(Object.keys(row)).toEqual(expect.arrayContaining(schema.required));
    const details = doc.components.schemas.ExplanationDetails as { required: string[] };
    expect(Object.keys(row.explanation_details)).toEqual(expect.arrayContaining(details.required));
    expect(Object.keys(doc.paths)).toContain("/conversions");

    // A client written against the contract's first version: these fields, these types, nothing else.
    const OldConversion = z.object({
      id: z.string(),
      order_id: z.string(),
      order_name: z.string(),
      campaign_id: z.string(),
      creator_id: z.string(),
      type: z.enum(["coupon", "link"]),
      code: z.string().nullable(),
      status: z.enum(["approved", "flagged", "denied", "reversed"]),
      currency: z.string().length(3),
      order_amount: z.number().int(),
      commission_amount: z.number().int(),
      refund_amount: z.number().int(),
      refund_at: z.string().datetime({ offset: true }).nullable(),
      net_amount: z.number().int(),
      net_commission: z.number().int(),
      explanation: z.string(),
      created_at: z.string().datetime({ offset: true }),
      updated_at: z.string().datetime({ offset: true }),
    });
    const OldList = z.object({ data: z.array(OldConversion), next_cursor: z.string().nullable() });
    const page1 = OldList.parse(res.body);
    expect(page1.next_cursor).toEqual(expect.any(String));
    const page2 = OldList.parse((await get(`?limit=1&cursor=${page1.next_cursor}`, key)).body);
    expect(page2.next_cursor).toBeNull();
    const both = [...page1.data, ...page2.data];
    expect(both.map((c) => [c.order_amount, c.commission_amount, c.net_amount, c.net_commission, c.refund_amount, c.refund_at])).toEqual([
      [9000, 1350, 9000, 1350, 0, null],
      [9000, 1350, 9000, 1350, 0, null],
    ]);
    // Every field it knows is there; the rest are additions only.
    for (const r of (await get("", key)).body.data as Json[]) {
      expect(Object.keys(r)).toEqual(expect.arrayContaining(Object.keys(OldConversion.shape)));
      expect(Object.keys(r).filter((k) => !(k in OldConversion.shape)).sort()).toEqual(["commission_rate_bps", "explanation_details", "lines", "order_created_at", "paid_amount", "payable_at", "pending_amount", "pending_commission"]);
    }
    const err = await get("?limit=0", key);
    z.object({ error: z.object({ code: z.string(), message: z.string() }) }).parse(err.body);
  });
});
