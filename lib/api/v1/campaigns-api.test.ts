import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as listCampaigns, POST as createCampaign } from "@/app/api/v1/campaigns/route";
import { GET as getCampaign, PATCH as patchCampaign } from "@/app/api/v1/campaigns/[id]/route";
import { GET as listRoster, POST as addCreators } from "@/app/api/v1/campaigns/[id]/creators/route";
import { DELETE as removeCreator } from "@/app/api/v1/campaigns/[id]/creators/[creator_id]/route";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { brandWithStore as brandWithConnectedStore } from "@/test/campaign-with-creators";
import { simulatorForFile } from "@/test/simulator-for-file";
import { openApiDocument } from "./openapi";
import { setDeclaredDomains } from "@/lib/workspaces/declared-domains";

type Handler = (req: NextRequest, route: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function call(
  handler: unknown,
  method: string,
  path: string,
  key: string,
  opts: { params?: Record<string, string>; body?: unknown; rawBody?: string } = {},
) {
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const req = new NextRequest(`http://localhost/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body,
  });
  const res = await (handler as Handler)(req, { params: Promise.resolve(opts.params ?? {}) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse(method, `/api/v1${path}`, res.status, json);
  return { status: res.status, body: json, headers: res.headers };
}

const h = simulatorForFile();

const hour = 3600_000;

async function brandWithStore() {
  const { brand, shop } = await brandWithConnectedStore(h.db, h.env);
  // The brand's own storefront, where its landing pages live (Settings → Storefront domains).
  await setDeclaredDomains(h.db, { workspaceId: brand.workspace.id, actor: { kind: "system" }, domains: ["example.com"] });
  return { ...brand, shop };
}

function campaignBody(over: Record<string, unknown> = {}) {
  return {
    name: "Summer Glow",
    starts_at: new Date(Date.now() - hour).toISOString(),
    ends_at: new Date(Date.now() + 30 * 24 * hour).toISOString(),
    timezone: "Europe/Berlin",
    discount: { type: "percentage", value: 12.5 },
    commission_rate_bps: 1500,
    code_template: "{first_name}-{random_number}",
    landing_url: "https://example.com/collections/summer",
    ...over,
  };
}

const api = (key: string) => ({
  list: (query = "") => call(listCampaigns, "GET", `/campaigns${query}`, key),
  create: (body: unknown) => call(createCampaign, "POST", "/campaigns", key, { body }),
  get: (id: string) => call(getCampaign, "GET", `/campaigns/${id}`, key, { params: { id } }),
  patch: (id: string, body: unknown) => call(patchCampaign, "PATCH", `/campaigns/${id}`, key, { params: { id }, body }),
  roster: (id: string, query = "") => call(listRoster, "GET", `/campaigns/${id}/creators${query}`, key, { params: { id } }),
  add: (id: string, creators: unknown[]) => call(addCreators, "POST", `/campaigns/${id}/creators`, key, { params: { id }, body: { creators } }),
  remove: (id: string, creatorId: string) =>
    call(removeCreator, "DELETE", `/campaigns/${id}/creators/${creatorId}`, key, { params: { id, creator_id: creatorId } }),
});

const person = (name = "Zoe") => ({ email: `${name.toLowerCase()}-${uniq()}@example.com`, full_name: `${name} Tester`, handle: `@${name.toLowerCase()}${uniq()}` });

describe("landing URLs", () => {
  it("are accepted on the store's domain and the brand's declared domains (and their subdomains), https only", async () => {
    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    for (const url of [`https://${brand.shop.domain}/collections/summer`, "https://example.com/summer", "https://shop.example.com/p/serum?x=1#top"]) {
      const res = await a.create(campaignBody({ landing_url: url }));
      expect(res.status, url).toBe(201);
      expect(res.body.data.landing_url).toBe(url);
    }
  });
});

describe("apply the creator's code from links", () => {
  it("is on by default, can be created off, switched by PATCH (audited as an update), and a non-boolean is a 422", async () => {
    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    const on = await a.create(campaignBody());
    expect(on.body.data.apply_code_from_links).toBe(true);
    const off = await a.create(campaignBody({ apply_code_from_links: false }));
    expect(off.status).toBe(201);
    expect(off.body.data.apply_code_from_links).toBe(false);
    const switched = await a.patch(off.body.data.id, { apply_code_from_links: true });
    expect(switched.status).toBe(200);
    expect(switched.body.data.apply_code_from_links).toBe(true);
    expect((await a.get(off.body.data.id)).body.data.apply_code_from_links).toBe(true);
    const bad = await a.patch(off.body.data.id, { apply_code_from_links: "yes" });
    expect(bad.status).toBe(422);
    expect((await a.get(off.body.data.id)).body.data.apply_code_from_links).toBe(true);
  });
});

describe("API v1 campaigns", () => {
  it("creates (201), gets, lists page by page, moves the end, and ends a campaign", async () => {
    const brand = await brandWithStore();
    const a = api(brand.apiKey);

    const created = await a.create(campaignBody());
    expect(created.status).toBe(201);
    const campaign = created.body.data;
    expect(campaign).toMatchObject({
      id: expect.stringMatching(/^cmp_/),
      name: "Summer Glow",
      timezone: "Europe/Berlin",
      status: "active",
      discount: { type: "percentage", value: 12.5 },
      commission_rate_bps: 1500,
      code_template: "{first_name}-{random_number}",
      landing_url: "https://example.com/collections/summer",
      currency: "USD",
      ended_at: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(created.headers.get("location")).toBe(`/api/v1/campaigns/${campaign.id}`);

    const got = await a.get(campaign.id);
    expect(got.status).toBe(200);
    expect(got.body.data).toMatchObject({ ...campaign, code_progress: { pending: 0, active: 0, failed: 0, deactivated: 0, total: 0 } });

    // A fixed-amount discount stays in minor units; a later start is "scheduled"; defaults apply.
    const fixed = await a.create({
      name: "Autumn",
      starts_at: new Date(Date.now() + 24 * hour).toISOString(),
      discount: { type: "fixed_amount", value: 500 },
      commission_rate_bps: 0,
    });
    expect(fixed.status).toBe(201);
    expect(fixed.body.data).toMatchObject({ status: "scheduled", ends_at: null, timezone: "UTC", discount: { type: "fixed_amount", value: 500 }, landing_url: null });
    const third = await a.create(campaignBody({ name: "Winter" }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await a.list(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(res.status).toBe(200);
      seen.push(...(res.body.data as Json[]).map((c) => c.id as string));
      cursor = res.body.next_cursor as string | null;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual([campaign.id, fixed.body.data.id, third.body.data.id]);
    expect((await a.list("?limit=201")).status).toBe(422);
    expect((await a.list("?cursor=garbage")).status).toBe(400);

    const newEnd = new Date(Date.now() + 60 * 24 * hour);
    newEnd.setMilliseconds(0);
    const moved = await a.patch(campaign.id, { ends_at: newEnd.toISOString(), name: "Summer Glow+" });
    expect(moved.status).toBe(200);
    expect(moved.body.data).toMatchObject({ id: campaign.id, name: "Summer Glow+", ends_at: newEnd.toISOString(), status: "active" });

    // An empty patch changes nothing.
    const noop = await a.patch(campaign.id, {});
    expect(noop.status).toBe(200);
    expect(noop.body.data).toMatchObject({ name: "Summer Glow+", ends_at: newEnd.toISOString(), status: "active" });
    const sameEnd = await a.patch(campaign.id, { ends_at: newEnd.toISOString() });
    expect(sameEnd.status).toBe(200);
    expect(sameEnd.body.data).toEqual(noop.body.data);

    const ended = await a.patch(campaign.id, { status: "ended" });
    expect(ended.status).toBe(200);
    expect(ended.body.data).toMatchObject({ status: "ended", ended_at: expect.any(String), ends_at: newEnd.toISOString() });
    expect((await a.get(campaign.id)).body.data.status).toBe("ended");

    const again = await a.patch(campaign.id, { ends_at: newEnd.toISOString() });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("conflict");
    expect((await a.patch(campaign.id, { status: "ended" })).status).toBe(409);
    expect((await a.patch(campaign.id, {})).status).toBe(200);
    await drainInProcessJobs();
  });

  it("answers 422 with field errors for invalid input and writes nothing; 400 for a body that is not JSON", async () => {
    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    const cases: [Record<string, unknown>, string][] = [
      [{ starts_at: new Date().toISOString(), ends_at: new Date(Date.now() - hour).toISOString() }, "ends_at"],
      [{ code_template: "{email}-{random_number}" }, "code_template"],
      [{ commission_rate_bps: 10_001 }, "commission_rate_bps"],
      [{ commission_rate_bps: 12.5 }, "commission_rate_bps"],
      [{ discount: { type: "percentage", value: 0 } }, "discount.value"],
      [{ discount: { type: "percentage", value: 150 } }, "discount.value"],
      [{ discount: { type: "fixed_amount", value: 4.99 } }, "discount.value"],
      [{ discount: { type: "fixed_amount", value: 2 ** 31 } }, "discount.value"],
      [{ discount: { type: "fixed_amount", value: 1e20 } }, "discount.value"],
      [{ discount: { type: "percentage", value: 1e308 } }, "discount.value"],
      [{ commission_rate_bps: 2 ** 53 } , "commission_rate_bps"],
      [{ discount: { type: "bogo", value: 1 } }, "discount.type"],
      [{ name: "" }, "name"],
      [{ starts_at: "tomorrow" }, "starts_at"],
      [{ timezone: "Mars/Olympus" }, "timezone"],
      [{ landing_url: "not a url" }, "landing_url"],
      [{ landing_url: "javascript:alert(1)" }, "landing_url"],
      [{ landing_url: "data:text/html,<script>alert(1)</script>" }, "landing_url"],
      [{ landing_url: "https://evil.example/collections/summer" }, "landing_url"],
      [{ landing_url: "https://example.com.evil.example/" }, "landing_url"],
      [{ landing_url: "https://evil.example/@example.com" }, "landing_url"],
      [{ landing_url: "ftp://example.com/summer" }, "landing_url"],
    ];
    for (const [over, field] of cases) {
      const res = await a.create(campaignBody(over));
      expect(res.status, field).toBe(422);
      expect(res.body.error, field).toMatchObject({ code: "validation_failed", message: expect.any(String) });
      expect(Object.keys(res.body.error.details.fields), JSON.stringify(over)).toContain(field);
      expect(res.body.error.details.fields[field][0], field).toEqual(expect.any(String));
    }
    expect((await a.list()).body.data).toEqual([]);

    const notJson = await call(createCampaign, "POST", "/campaigns", brand.apiKey, { rawBody: "{name: 'x'" });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("bad_request");
    expect((await call(createCampaign, "POST", "/campaigns", brand.apiKey, { rawBody: "" })).status).toBe(400);
    const notObject = await a.create([1, 2]);
    expect(notObject.status).toBe(422);

    const { id } = (await a.create(campaignBody())).body.data;
    const before = await a.get(id);
    const cantChange = await a.patch(id, { starts_at: new Date().toISOString(), discount: { type: "percentage", value: 50 } });
    expect(cantChange.status).toBe(422);
    expect(Object.keys(cantChange.body.error.details.fields).sort()).toEqual(["discount", "starts_at"]);
    const reopen = await a.patch(id, { status: "active" });
    expect(reopen.status).toBe(422);
    expect(reopen.body.error.details.fields.status).toEqual(['status can only be set to "ended".']);
    const endBeforeStart = await a.patch(id, { ends_at: new Date(Date.now() - 2 * hour).toISOString() });
    expect(endBeforeStart.status).toBe(422);
    expect(endBeforeStart.body.error.details.fields.ends_at).toEqual([expect.any(String)]);
    const badJson = await call(patchCampaign, "PATCH", `/campaigns/${id}`, brand.apiKey, { params: { id }, rawBody: "nope" });
    expect(badJson.status).toBe(400);
    const after = await a.get(id);
    expect(after.body.data).toEqual(before.body.data);
  });

  it("answers 409 with a clear message when no store is connected", async () => {
    const brand = await createTestBrand(h.db);
    const res = await api(brand.apiKey).create(campaignBody());
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({
      code: "conflict",
      message: expect.stringMatching(/Connect your Shopify store/),
      details: { reason: "no_store_connected" },
    });
  });

  it("adds creators with per-row errors, lists the roster with codes and links, and removes a creator", async () => {
    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    const { id } = (await a.create(campaignBody())).body.data;

    const zoe = person("Zoe");
    const kim = person("Kim");
    const manualCode = `VIP-${uniq()}`.toUpperCase();
    const add = await a.add(id, [zoe, { email: "not-an-email", full_name: "Bad Row" }, { ...kim, code: manualCode.toLowerCase() }, { ...zoe, full_name: "Zoe Again" }]);
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ added: 2, failed: 2 });
    expect(add.body.errors).toEqual([
      { index: 1, code: "validation_failed", message: expect.any(String), field: "email" },
      { index: 3, code: "duplicate", message: expect.stringContaining("row 1"), field: "email" },
    ]);
    const data = add.body.data as Json[];
    expect(data.map((d) => d.index)).toEqual([0, 2]);
    expect(data[0]).toMatchObject({
      index: 0,
      already_enrolled: false,
      creator_id: expect.stringMatching(/^cre_/),
      email: zoe.email,
      full_name: zoe.full_name,
      handle: zoe.handle.slice(1),
      code: expect.stringMatching(/^ZOE-[A-Z0-9]+/),
      code_status: "pending",
      referral_url: expect.stringMatching(/^http:\/\/localhost:3000\/r\/zoe/),
      joined_at: expect.any(String),
      removed_at: null,
    });
    expect(data[1]).toMatchObject({ email: kim.email, code: manualCode });

    // Adding the same person again is not an error: they are already in.
    const twice = await a.add(id, [{ email: zoe.email.toUpperCase(), full_name: "Zoe" }]);
    expect(twice.body).toMatchObject({ added: 1, failed: 0, errors: [], data: [{ index: 0, already_enrolled: true, creator_id: data[0]!.creator_id, code: data[0]!.code }] });

    await drainInProcessJobs();
    const roster = await a.roster(id);
    expect(roster.status).toBe(200);
    expect(roster.body.next_cursor).toBeNull();
    const byCreator = (rows: Json[]) => [...rows].sort((x, y) => String(x.creator_id).localeCompare(String(y.creator_id)));
    expect(byCreator(roster.body.data as Json[])).toEqual(
      byCreator(
        [
          { ...data[0], index: undefined, already_enrolled: undefined, code_status: "active" },
          { ...data[1], index: undefined, already_enrolled: undefined, code_status: "active" },
        ].map((r) => JSON.parse(JSON.stringify(r)) as Json),
      ),
    );
    expect(h.env.discountsOf(brand.shop.domain).map((d) => d.code).sort()).toEqual([data[0]!.code, data[1]!.code].sort());
    expect((await a.get(id)).body.data.code_progress).toEqual({ pending: 0, active: 2, failed: 0, deactivated: 0, total: 2 });

    // Roster pagination.
    const more = await a.add(id, [person("Ann"), person("Bob"), person("Cy")]);
    expect(more.body.added).toBe(3);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await a.roster(id, `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      ids.push(...(page.body.data as Json[]).map((r) => r.creator_id as string));
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    // Every creator exactly once across the pages (order is the enrollment id's: stable, not insertion order).
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([data[0]!.creator_id, data[1]!.creator_id, ...(more.body.data as Json[]).map((r) => r.creator_id)].sort());

    // Removing: the code stops at once, leaves the roster, and is deactivated in Shopify.
    const removed = await a.remove(id, data[0]!.creator_id);
    expect(removed.status).toBe(200);
    expect(removed.body.data).toMatchObject({ creator_id: data[0]!.creator_id, code: data[0]!.code, code_status: "deactivated", removed_at: expect.any(String) });
    await drainInProcessJobs();
    expect((await a.roster(id)).body.data.map((r: Json) => r.creator_id)).not.toContain(data[0]!.creator_id);
    const withRemoved = await a.roster(id, "?include_removed=true");
    expect(withRemoved.body.data.find((r: Json) => r.creator_id === data[0]!.creator_id)).toMatchObject({ code_status: "deactivated", code: data[0]!.code });
    const inStore = h.env.discountsOf(brand.shop.domain).find((d) => d.code === data[0]!.code)!;
    expect(h.env.sim.store.discountStatus(inStore)).toBe("EXPIRED");
    expect((await a.remove(id, data[0]!.creator_id)).status).toBe(404);
    expect((await a.roster(id, "?include_removed=maybe")).status).toBe(422);
  });

  it("rejects more than 500 creators per call, an empty list and a missing list with 422", async () => {
    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    const { id } = (await a.create(campaignBody())).body.data;
    const tooMany = await a.add(id, Array.from({ length: 501 }, (_, i) => ({ email: `n${i}-${uniq()}@example.com`, full_name: `N ${i}` })));
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error).toMatchObject({ code: "validation_failed", details: { fields: { creators: [expect.stringContaining("500")] } } });
    expect((await a.add(id, [])).status).toBe(422);
    const missing = await call(addCreators, "POST", `/campaigns/${id}/creators`, brand.apiKey, { params: { id }, body: { people: [] } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details.fields.creators).toEqual([expect.any(String)]);
    expect((await call(addCreators, "POST", `/campaigns/${id}/creators`, brand.apiKey, { params: { id }, rawBody: "[" })).status).toBe(400);
    expect((await a.roster(id)).body.data).toEqual([]);
  });

  it("a key of workspace A gets 404 for B's campaign on every route, and B's data never shows in A's lists", async () => {
    const brandA = await brandWithStore();
    const brandB = await brandWithStore();
    const a = api(brandA.apiKey);
    const b = api(brandB.apiKey);
    const campaignA = (await a.create(campaignBody({ name: "A's" }))).body.data;
    const campaignB = (await b.create(campaignBody({ name: "B's" }))).body.data;
    const creatorA = (await a.add(campaignA.id, [person("Ada")])).body.data[0];
    const creatorB = (await b.add(campaignB.id, [person("Bea")])).body.data[0];
    await drainInProcessJobs();
    const notFound = { error: { code: "not_found", message: "Campaign not found." } };

    expect(await a.get(campaignB.id)).toMatchObject({ status: 404, body: notFound });
    expect(await a.patch(campaignB.id, { status: "ended" })).toMatchObject({ status: 404, body: notFound });
    expect(await a.patch(campaignB.id, { name: "Hijacked", ends_at: null })).toMatchObject({ status: 404, body: notFound });
    expect(await a.roster(campaignB.id)).toMatchObject({ status: 404, body: notFound });
    expect(await a.roster(campaignB.id, "?include_removed=true")).toMatchObject({ status: 404, body: notFound });
    expect(await a.add(campaignB.id, [person("Eve")])).toMatchObject({ status: 404, body: notFound });
    expect(await a.remove(campaignB.id, creatorB.creator_id)).toMatchObject({ status: 404, body: notFound });
    // A's own campaign with B's creator: not in the campaign either.
    expect((await a.remove(campaignA.id, creatorB.creator_id)).status).toBe(404);
    // An unknown id is the same 404.
    expect(await a.get("cmp_00000000000000000000000000")).toMatchObject({ status: 404, body: notFound });

    // B's campaign and roster are untouched.
    const bNow = (await b.get(campaignB.id)).body.data;
    expect(bNow).toMatchObject({ name: "B's", status: "active", ends_at: campaignB.ends_at });
    const bRoster = (await b.roster(campaignB.id)).body.data as Json[];
    expect(bRoster.map((r) => [r.creator_id, r.code_status])).toEqual([[creatorB.creator_id, "active"]]);

    // A's lists hold only A's data.
    const listA = (await a.list("?limit=200")).body.data as Json[];
    expect(listA.map((c) => c.id)).toEqual([campaignA.id]);
    const rosterA = (await a.roster(campaignA.id, "?include_removed=true")).body.data as Json[];
    expect(rosterA.map((r) => r.creator_id)).toEqual([creatorA.creator_id]);
    expect(JSON.stringify([listA, rosterA])).not.toContain(campaignB.id);
    expect(JSON.stringify([listA, rosterA])).not.toContain(creatorB.email);
    // A cursor made from B's campaign id does not reveal B's campaigns either.
    const foreignCursor = Buffer.from(campaignB.id).toString("base64url");
    expect(((await a.list(`?cursor=${foreignCursor}`)).body.data as Json[]).map((c) => c.id)).not.toContain(campaignB.id);
  });

  it("answers exactly the fields the OpenAPI document describes", async () => {
    const schemas = openApiDocument("http://localhost:3000").components.schemas as Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
    const conforms = (obj: Json, name: string, extra: string[] = []) => {
      const schema = schemas[name]!;
      expect(Object.keys(obj), name).toEqual(expect.arrayContaining(schema.required!));
      expect([...Object.keys(schema.properties!), ...extra], name).toEqual(expect.arrayContaining(Object.keys(obj)));
    };
    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    const created = (await a.create(campaignBody())).body.data;
    conforms(created, "Campaign");
    conforms((await a.get(created.id)).body.data, "Campaign");
    conforms((await a.list()).body.data[0], "Campaign");
    const add = (await a.add(created.id, [person("Doc"), { email: "x" }])).body;
    conforms(add, "AddCreatorsResult");
    conforms(add.errors[0], "RowError");
    conforms(add.data[0], "CampaignCreator", ["index", "already_enrolled"]);
    conforms((await a.roster(created.id)).body.data[0], "CampaignCreator");
    conforms((await a.remove(created.id, add.data[0].creator_id)).body.data, "CampaignCreator");
    await drainInProcessJobs();
  });

  it("an old client that reads only the fields it knows keeps working (responses only add fields)", async () => {
    // A client written against the contract's first version: it knows these fields and nothing else,
    // and sends only what it knows.
    const OldCampaign = z.object({
      id: z.string(),
      name: z.string(),
      starts_at: z.string().datetime({ offset: true }),
      ends_at: z.string().datetime({ offset: true }).nullable(),
      status: z.enum(["scheduled", "active", "ended"]),
      discount: z.object({ type: z.enum(["percentage", "fixed_amount"]), value: z.number() }),
      commission_rate_bps: z.number().int(),
      code_template: z.string(),
    });
    const OldCreator = z.object({
      creator_id: z.string(),
      email: z.string(),
      full_name: z.string(),
      handle: z.string().nullable(),
      code: z.string().nullable(),
      code_status: z.enum(["pending", "active", "failed", "deactivated"]).nullable(),
      referral_url: z.string().url(),
    });
    const OldRowError = z.object({ index: z.number().int(), code: z.string(), message: z.string(), field: z.string().nullable() });
    const OldList = <T extends z.ZodTypeAny>(item: T) => z.object({ data: z.array(item), next_cursor: z.string().nullable() });
    // Every field the old client knows must still be there (a superset of keys), with the same types.
    const keysOf = (schema: z.AnyZodObject) => Object.keys(schema.shape);
    const hasAll = (obj: Json, schema: z.AnyZodObject) => expect(Object.keys(obj)).toEqual(expect.arrayContaining(keysOf(schema)));

    const brand = await brandWithStore();
    const a = api(brand.apiKey);
    const created = await a.create({
      name: "Old client",
      starts_at: new Date(Date.now() - hour).toISOString(),
      ends_at: new Date(Date.now() + 24 * hour).toISOString(),
      discount: { type: "percentage", value: 10 },
      commission_rate_bps: 1000,
      code_template: "{first_name}-{random_number}",
    });
    expect(created.status).toBe(201);
    const campaign = z.object({ data: OldCampaign }).parse(created.body).data;
    hasAll(created.body.data, OldCampaign);
    expect(campaign.discount).toEqual({ type: "percentage", value: 10 });

    const got = z.object({ data: OldCampaign }).parse((await a.get(campaign.id)).body).data;
    expect(got).toEqual(campaign);
    const listed = OldList(OldCampaign).parse((await a.list()).body);
    expect(listed.data).toEqual([campaign]);

    const add = await a.add(campaign.id, [person("Old"), { email: "broken", full_name: "Broken" }]);
    const addView = z
      .object({ data: z.array(OldCreator), errors: z.array(OldRowError), added: z.number().int(), failed: z.number().int() })
      .parse(add.body);
    expect(addView).toMatchObject({ added: 1, failed: 1, errors: [{ index: 1, field: "email" }] });
    hasAll(add.body.data[0], OldCreator);
    await drainInProcessJobs();
    const roster = OldList(OldCreator).parse((await a.roster(campaign.id)).body);
    expect(roster.data).toEqual([{ ...addView.data[0], code_status: "active" }]);
    hasAll((await a.roster(campaign.id)).body.data[0], OldCreator);

    const patched = z.object({ data: OldCampaign }).parse((await a.patch(campaign.id, { status: "ended" })).body).data;
    expect(patched.status).toBe("ended");
    const removed = await a.remove(campaign.id, addView.data[0]!.creator_id);
    expect(removed.status).toBe(200);
    expect(OldCreator.parse(removed.body.data).code_status).toBe("deactivated");

    const err = await a.get("cmp_00000000000000000000000000");
    z.object({ error: z.object({ code: z.string(), message: z.string() }) }).parse(err.body);
    await drainInProcessJobs();
  });
});
