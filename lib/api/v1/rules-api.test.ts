import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRules, PUT as putRules } from "@/app/api/v1/campaigns/[id]/rules/route";
import { POST as previewRules } from "@/app/api/v1/campaigns/[id]/rules/preview/route";
import { POST as applyRules } from "@/app/api/v1/campaigns/[id]/rules/apply/route";
import { getDb, type Db } from "@/db/client";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { startSimulator } from "@/test/simulator";

type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(handler: unknown, method: string, campaignId: string, key: string, body?: unknown, sub = "") {
  const path = `/campaigns/${campaignId}/rules${sub}`;
  const req = new NextRequest(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve({ id: campaignId }) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse(method, `/api/v1${path}`, res.status, json);
  return { status: res.status, body: json };
}

let env: Awaited<ReturnType<typeof startSimulator>>;
let db: Db;
beforeAll(async () => {
  env = await startSimulator();
  db = await getDb();
});
afterAll(() => env.server.close());

async function brandWithCampaign() {
  const brand = await createTestBrand(db);
  await env.connectStore(db, brand.workspace.id, { plan: "plus" });
  const campaign = await createCampaign(db, {
    workspaceId: brand.workspace.id,
    actor: { kind: "system" },
    campaign: ZCreateCampaign.parse({ name: `Rules ${uniq()}`, starts_at: "2026-01-01T00:00:00Z", ends_at: null, discount: { type: "percentage", value: 10 }, commission_rate_bps: 1500 }),
  });
  return { key: brand.apiKey, campaign };
}

describe("GET/PUT /api/v1/campaigns/{id}/rules", () => {
  it("starts empty, saves ordered rules with ids and names, says which rule shadows which, and reads them back", async () => {
    const { key, campaign } = await brandWithCampaign();
    const empty = await call(getRules, "GET", campaign.id, key);
    expect(empty.status).toBe(200);
    expect(empty.body.data).toMatchObject({ campaign_id: campaign.id, currency: "USD", commission_rate_bps: 1500, rules: [], cap_per_order: null, min_order_amount: null, notes: [], updated_at: null });

    const put = await call(putRules, "PUT", campaign.id, key, {
      rules: [
        { id: "sale", tags: ["sale"], action: "exclude" },
        { name: "Sale hoodies 5 %", tags: ["Sale"], product_ids: [], action: "rate", rate_bps: 500 },
        { product_ids: [632910392], action: "fixed_per_unit", amount: 500, customer: "first_order" },
      ],
      cap_per_order: 5000,
      min_order_amount: 2000,
    });
    expect(put.status).toBe(200);
    const saved = put.body.data;
    expect(saved.rules.map((r: Json) => [r.name, r.action, r.rate_bps, r.amount, r.customer])).toEqual([
      ["Exclude on tag sale", "exclude", null, null, "any"],
      ["Sale hoodies 5 %", "rate", 500, null, "any"],
      ["Fixed 500 per unit on 1 product for first orders", "fixed_per_unit", null, 500, "first_order"],
    ]);
    expect(saved.rules[0].id).toBe("sale");
    expect(saved.rules[1].id).toMatch(/^rul_/);
    expect(saved.notes).toEqual([{ type: "shadowed", rule_id: saved.rules[1].id, by_rule_id: "sale" }]);
    expect(saved.cap_per_order).toBe(5000);
    expect(saved.updated_at).toEqual(expect.any(String));
    const again = await call(getRules, "GET", campaign.id, key);
    expect(again.body.data).toEqual(saved);
  });

  it.each([
    [{ rules: [{ action: "rate", rate_bps: 10_001 }] }, "rules.0.rate_bps"],
    [{ rules: [{ action: "rate", rate_bps: -5 }] }, "rules.0.rate_bps"],
    [{ rules: [{ action: "fixed_per_unit", amount: -1 }] }, "rules.0.amount"],
    [{ rules: [], cap_per_order: -1 }, "cap_per_order"],
    [{ rules: [], min_order_amount: -1 }, "min_order_amount"],
    [{ rules: [], bonus: true }, "bonus"],
  ])("%j → 422 naming %s, and nothing saved", async (body, field) => {
    const { key, campaign } = await brandWithCampaign();
    const res = await call(putRules, "PUT", campaign.id, key, body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.details.fields)).toContain(field);
    expect((await call(getRules, "GET", campaign.id, key)).body.data.rules).toEqual([]);
  });

  it("another workspace's campaign is 404, read or written", async () => {
    const a = await brandWithCampaign();
    const b = await brandWithCampaign();
    expect((await call(getRules, "GET", b.campaign.id, a.key)).status).toBe(404);
    expect((await call(putRules, "PUT", b.campaign.id, a.key, { rules: [] })).status).toBe(404);
    expect((await call(getRules, "GET", b.campaign.id, b.key)).body.data.updated_at).toBeNull();
  });

  it("preview: a range with no orders says so; bad proposals are 422 naming the field; apply needs since for unpaid_since; another workspace's campaign is 404", async () => {
    const { key, campaign } = await brandWithCampaign();
    const empty = await call(previewRules, "POST", campaign.id, key, { proposed: { rules: [{ action: "rate", rate_bps: 2000 }] }, from: "2026-01-01T00:00:00Z" }, "/preview");
    expect(empty.status).toBe(200);
    expect(empty.body.data.summary).toMatchObject({ orders: 0, changed_orders: 0, difference: 0, message: expect.stringContaining("No orders") });
    expect(empty.body.next_cursor).toBeNull();
    const bad = await call(previewRules, "POST", campaign.id, key, { proposed: { rules: [{ action: "rate", rate_bps: 20_000 }] } }, "/preview");
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields)).toContain("proposed.rules.0.rate_bps");
    const noSince = await call(applyRules, "POST", campaign.id, key, { proposed: { rules: [] }, apply_to: "unpaid_since" }, "/apply");
    expect(noSince.status).toBe(422);
    expect(Object.keys(noSince.body.error.details.fields)).toContain("since");
    const fromNow = await call(applyRules, "POST", campaign.id, key, { proposed: { rules: [{ id: "all", action: "rate", rate_bps: 2000 }] }, apply_to: "from_now" }, "/apply");
    expect(fromNow.status).toBe(200);
    expect(fromNow.body.data).toMatchObject({ adjusted: 0, paid_left_alone: [], refunded_left_alone: [] });
    expect((await call(getRules, "GET", campaign.id, key)).body.data.rules.map((r: Json) => r.id)).toEqual(["all"]);
    const other = await brandWithCampaign();
    expect((await call(previewRules, "POST", other.campaign.id, key, {}, "/preview")).status).toBe(404);
    expect((await call(applyRules, "POST", other.campaign.id, key, { proposed: { rules: [] }, apply_to: "from_now" }, "/apply")).status).toBe(404);
  });
});
