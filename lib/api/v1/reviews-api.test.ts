import { NextRequest } from "next/server";
import postgres from "postgres";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getReview } from "@/app/api/v1/conversions/reviews/[id]/route";
import { POST as postReview } from "@/app/api/v1/conversions/reviews/route";
import { getDb, type Db } from "@/db/client";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { seedCampaign } from "@/test/dashboard-seed";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";

/**
 * POST /api/v1/conversions/reviews on real Postgres: the portal's bulk review through API v1, with
 * the API key recorded as the actor of every status change; bad input is a 4xx that changes
 * nothing; another workspace's conversions and runs are never touched or shown.
 */
type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let db: Db;
let client: postgres.Sql;
let key: string;
let apiKeyId: string;
let otherKey: string;
let campaignId: string;
let otherIds: string[];

async function call(handler: unknown, method: string, path: string, apiKey: string, body?: unknown, params: Record<string, string> = {}) {
  const req = new NextRequest(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(params) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse(method, req.url, res.status, json);
  return { status: res.status, body: json };
}
const statusOf = async (ids: string[]) => (await client<{ status: string }[]>`select status from conversions where id = any(${ids}) order by id`).map((r) => r.status);

beforeAll(async () => {
  db = await getDb();
  client = postgres(process.env.DATABASE_URL!, { onnotice: () => {}, max: 2 });
  const other = await createTestBrand(db);
  await seedCampaign(client, { workspaceId: other.workspace.id, prefix: `o${uniq()}`, creators: 3, orders: 20, days: 5, trigger: true });
  otherIds = (await client<{ id: string }[]>`select id from conversions where workspace_id = ${other.workspace.id} order by id`).map((r) => r.id);
  otherKey = (await createApiKey(db, { workspaceId: other.workspace.id, name: "other", actor: { kind: "user", id: other.user.id } })).key;
  const brand = await createTestBrand(db);
  campaignId = (await seedCampaign(client, { workspaceId: brand.workspace.id, prefix: `v${uniq()}`, creators: 5, orders: 200, days: 20, trigger: true })).campaignId;
  // Fixture: the rules flagged every 4th approved order (a status; the ledger already holds its sale).
  await client`update conversions set status = 'flagged' where campaign_id = ${campaignId} and status = 'approved' and shopify_order_id % 4 = 0`;
  const created = await createApiKey(db, { workspaceId: brand.workspace.id, name: "reviews", actor: { kind: "user", id: brand.user.id } });
  key = created.key;
  apiKeyId = created.id;
}, 120_000);

describe("POST /api/v1/conversions/reviews", () => {
  it("denies flagged conversions with a reason, the API key as the actor; ids of other workspaces are listed, not touched", async () => {
    const ids = (await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} and status = 'flagged' order by id limit 3`).map((r) => r.id);
    const res = await call(postReview, "POST", "/conversions/reviews", key, { decision: "denied", reason: "same household as the creator", conversion_ids: [...ids, ids[0], otherIds[0], "cnv_nope"] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.data).toMatchObject({ decision: "denied", reason: "same household as the creator", status: "completed", total: 3, done: 3, changed: 3, skipped: 0, not_found_ids: [otherIds[0], "cnv_nope"] });
    expect(await statusOf(ids)).toEqual(["denied", "denied", "denied"]);
    expect(await statusOf([otherIds[0]!])).not.toEqual(["denied"]);
    const audits = await client<{ actor_kind: string; actor_id: string; reason: string }[]>`select actor_kind, actor_id, data->>'reason' as reason from audit_log where target_id = any(${ids}) and action = 'conversion.denied'`;
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actor_kind === "api_key" && a.actor_id === apiKeyId && a.reason === "same household as the creator")).toBe(true);
    const notes = await client<{ note: string }[]>`select note from ledger_entries where conversion_id = any(${ids}) and kind = 'status_change'`;
    expect(notes.map((n) => n.note)).toEqual(Array(3).fill("Denied through the API: same household as the creator"));
    const [run] = await client<{ actor_kind: string; actor_id: string }[]>`select actor_kind, actor_id from review_runs where id = ${res.body.data.id}`;
    expect(run).toEqual({ actor_kind: "api_key", actor_id: apiKeyId });

    // The run reads back; another workspace's key does not see it.
    const again = await call(getReview, "GET", `/conversions/reviews/${res.body.data.id}`, key, undefined, { id: res.body.data.id });
    expect(again.body.data).toMatchObject({ id: res.body.data.id, status: "completed", changed: 3, not_found_ids: [] });
    expect((await call(getReview, "GET", `/conversions/reviews/${res.body.data.id}`, otherKey, undefined, { id: res.body.data.id })).status).toBe(404);
  });

  it("skips what cannot be decided and says why", async () => {
    const [pending] = await client<{ id: string }[]>`update conversions set status = 'pending' where id = (select id from conversions where campaign_id = ${campaignId} and status = 'flagged' order by id limit 1) returning id`;
    const [flagged] = await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} and status = 'flagged' order by id limit 1`;
    const res = await call(postReview, "POST", "/conversions/reviews", key, { decision: "approved", conversion_ids: [pending!.id, flagged!.id] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ total: 2, changed: 1, skipped: 1 });
    expect(res.body.data.skipped_items).toEqual([{ conversion_id: pending!.id, order_name: expect.any(String), reason: expect.stringContaining("awaiting payment") }]);
    expect(await statusOf([flagged!.id])).toEqual(["approved"]);
  });

  it("a selection over 100 runs in the background: 202, then the run completes", async () => {
    const ids = (await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} and status = 'approved' order by id limit 120`).map((r) => r.id);
    expect(ids).toHaveLength(120);
    const res = await call(postReview, "POST", "/conversions/reviews", key, { decision: "denied", reason: "programme closed", conversion_ids: ids });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ status: "running", total: 120 });
    await expect
      .poll(async () => (await call(getReview, "GET", `/conversions/reviews/${res.body.data.id}`, key, undefined, { id: res.body.data.id })).body.data.status, { timeout: 60_000 })
      .toBe("completed");
    expect(new Set(await statusOf(ids))).toEqual(new Set(["denied"]));
  });

  it("bad input is a 4xx naming the fields, and changes nothing", async () => {
    const [flagged] = await client<{ id: string }[]>`select id from conversions where campaign_id = ${campaignId} and status = 'flagged' order by id limit 1`;
    const othersBefore = await statusOf(otherIds);
    const cases: [unknown, number, string[]][] = [
      [{ decision: "denied", conversion_ids: [flagged!.id] }, 422, ["reason"]],
      [{ decision: "denied", reason: "   ", conversion_ids: [flagged!.id] }, 422, ["reason"]],
      [{ decision: "maybe", conversion_ids: [] }, 422, ["decision", "conversion_ids"]],
      [{ decision: "approved", conversion_ids: Array.from({ length: 501 }, (_, i) => `cnv_${i}`) }, 422, ["conversion_ids"]],
      [{ decision: "approved", conversion_ids: [flagged!.id], extra: 1 }, 422, ["extra"]],
      [{ decision: "approved", conversion_ids: otherIds.slice(0, 2) }, 422, ["ids"]],
      ["{not json", 400, []],
    ];
    for (const [body, status, fields] of cases) {
      const res = await call(postReview, "POST", "/conversions/reviews", key, body);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (fields.length) expect(Object.keys(res.body.error.details.fields).sort()).toEqual([...fields].sort());
    }
    expect(await statusOf([flagged!.id])).toEqual(["flagged"]);
    expect(await statusOf(otherIds)).toEqual(othersBefore);
  });
});
