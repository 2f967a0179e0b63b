import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as getRules, PUT as putRules } from "@/app/api/v1/campaigns/[id]/rules/route";
import { POST as previewRules } from "@/app/api/v1/campaigns/[id]/rules/preview/route";
import { POST as applyRules } from "@/app/api/v1/campaigns/[id]/rules/apply/route";
import { GET as listCreators } from "@/app/api/v1/campaigns/[id]/creators/route";
import { PATCH as patchCreator } from "@/app/api/v1/campaigns/[id]/creators/[creator_id]/route";
import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { auditLog, enrollments } from "@/db/schema";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { startSimulator } from "@/test/simulator";

type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Calls a route handler as API v1 would and checks the answer against the OpenAPI document. */
async function callAt(handler: unknown, method: string, path: string, params: Record<string, string>, key: string, body?: unknown, rawBody?: string) {
  const send = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
  const req = new NextRequest(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(send !== undefined ? { "content-type": "application/json" } : {}) },
    body: send,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(params) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse(method, `/api/v1${path}`, res.status, json);
  return { status: res.status, body: json };
}

const call = (handler: unknown, method: string, campaignId: string, key: string, body?: unknown, sub = "") => callAt(handler, method, `/campaigns/${campaignId}/rules${sub}`, { id: campaignId }, key, body);

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

describe("a creator's own commission rate on the roster (API v1)", () => {
  it("GET shows commission_rate_bps (null = the campaign rate); PATCH sets and clears it, audited; bad input is a 422 naming the field and changes nothing", async () => {
    const { key, campaign } = await brandWithCampaign();
    const brand = { apiKey: key, workspaceId: campaign.workspaceId };
    const added = await addCreatorsToCampaign(db, { workspaceId: campaign.workspaceId, campaignId: campaign.id, actor: { kind: "system" }, invitedByUserId: null, rows: [{ email: `rate-${uniq()}@creators.example`, full_name: "Rae Rate" }] });
    const creatorId = added.results[0]!.ok ? (await db.select().from(enrollments).where(eq(enrollments.id, added.results[0]!.enrollmentId)))[0]!.creatorId : "";
    const path = `/campaigns/${campaign.id}/creators/${creatorId}`;
    const params = { id: campaign.id, creator_id: creatorId };
    const list = await callAt(listCreators, "GET", `/campaigns/${campaign.id}/creators`, { id: campaign.id }, brand.apiKey);
    expect(list.status).toBe(200);
    expect(list.body.data[0]).toMatchObject({ creator_id: creatorId, commission_rate_bps: null });

    const set = await callAt(patchCreator, "PATCH", path, params, brand.apiKey, { commission_rate_bps: 2250 });
    expect(set.status).toBe(200);
    expect(set.body.data).toMatchObject({ creator_id: creatorId, commission_rate_bps: 2250 });
    const again = await callAt(listCreators, "GET", `/campaigns/${campaign.id}/creators`, { id: campaign.id }, brand.apiKey);
    expect(again.body.data[0].commission_rate_bps).toBe(2250);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.workspaceId, brand.workspaceId), eq(auditLog.action, "campaign.creator_rate_set")));
    expect(audits.map((a) => a.data)).toEqual([{ creatorId, before: null, after: 2250 }]);

    for (const [body, field] of [
      [{ commission_rate_bps: 10_001 }, "commission_rate_bps"],
      [{ commission_rate_bps: -1 }, "commission_rate_bps"],
      [{ commission_rate_bps: 12.5 }, "commission_rate_bps"],
      [{ commission_rate_bps: "15" }, "commission_rate_bps"],
      [{ rate: 1 }, null],
    ] as const) {
      const bad = await callAt(patchCreator, "PATCH", path, params, brand.apiKey, body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
      if (field) expect(JSON.stringify(bad.body.error), JSON.stringify(body)).toContain(field);
    }
    const notJson = await callAt(patchCreator, "PATCH", path, params, brand.apiKey, undefined, "{");
    expect(notJson.status).toBe(400);
    const [row] = await db.select().from(enrollments).where(and(eq(enrollments.campaignId, campaign.id), eq(enrollments.creatorId, creatorId)));
    expect(row!.commissionRateBps).toBe(2250);

    const cleared = await callAt(patchCreator, "PATCH", path, params, brand.apiKey, { commission_rate_bps: null });
    expect(cleared.body.data.commission_rate_bps).toBeNull();

    // another workspace's campaign, or a creator not in the campaign: 404
    const other = await createTestBrand(db);
    expect((await callAt(patchCreator, "PATCH", path, params, other.apiKey, { commission_rate_bps: 100 })).status).toBe(404);
    expect((await callAt(patchCreator, "PATCH", `/campaigns/${campaign.id}/creators/cre_nobody`, { id: campaign.id, creator_id: "cre_nobody" }, brand.apiKey, { commission_rate_bps: 100 })).status).toBe(404);
  });
});
