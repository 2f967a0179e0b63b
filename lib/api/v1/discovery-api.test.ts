import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as searchCreators } from "@/app/api/v1/discovery/creators/route";
import { getDb, type Db } from "@/db/client";
import { generateProfiles, type GeneratedProfile } from "@/lib/discovery/generate-profiles";
import { insertDiscoveryProfiles } from "@/lib/discovery/insert-profiles";
import { unlockCreatorEmail } from "@/lib/discovery/unlock-creator-email";
import { createTestBrand, uniq } from "@/test/factories";
import { expectDocumentedResponse } from "@/test/openapi-conformance";
import { openApiDocument } from "./openapi";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function get(query: string, key: string | null) {
  const req = new NextRequest(`http://localhost/api/v1/discovery/creators?${query}`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  const res = await (searchCreators as (r: NextRequest, ctx: { params: Promise<Record<string, never>> }) => Promise<Response>)(req, { params: Promise.resolve({}) });
  const json = (await res.json()) as Json;
  expectDocumentedResponse("GET", req.url, res.status, json);
  return { status: res.status, body: json };
}

let db: Db;
let profiles: GeneratedProfile[];
const tag = `zapi${uniq()}`;
let mine: Awaited<ReturnType<typeof createTestBrand>>;
let theirs: Awaited<ReturnType<typeof createTestBrand>>;

beforeAll(async () => {
  db = await getDb();
  profiles = [...generateProfiles(5150, 5, 700_000)].map((p, i) => ({
    ...p,
    id: `${p.id.slice(0, -5)}${uniq()}`,
    bio: `${p.bio} ${tag}`,
    followers: 10_000 * (i + 1),
    city: i === 0 ? "Los Ángeles" : p.city,
  }));
  await insertDiscoveryProfiles(db, profiles);
  mine = await createTestBrand(db);
  theirs = await createTestBrand(db);
  await unlockCreatorEmail(db, { workspaceId: mine.workspace.id, profileId: profiles[2]!.id, actor: { kind: "system" }, userId: null, now: new Date() });
});

describe("GET /api/v1/discovery/creators", () => {
  it("searches the shared profiles with the portal's filters; emails only for creators this workspace unlocked", async () => {
    const res = await get(`q=${tag}&sort=followers&limit=10`, mine.apiKey);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: Json) => c.id)).toEqual([...profiles].reverse().map((p) => p.id));
    const unlocked = res.body.data.find((c: Json) => c.id === profiles[2]!.id);
    expect(unlocked).toMatchObject({ email: profiles[2]!.contactEmail, unlocked: true, unlocked_at: expect.any(String) });
    for (const c of res.body.data.filter((x: Json) => x.id !== profiles[2]!.id)) expect(c).toMatchObject({ email: null, unlocked: false });
    expect(res.body.data[0]).toMatchObject({
      followers: 50_000,
      engagement_rate: expect.any(Number),
      location: { city: expect.any(String), country: expect.any(String) },
      audience: { locations: expect.arrayContaining([expect.objectContaining({ type: "city", share: expect.any(Number) })]) },
    });

    const other = await get(`q=${tag}&limit=10`, theirs.apiKey);
    expect(other.body.data).toHaveLength(5);
    expect(JSON.stringify(other.body)).not.toContain(profiles[2]!.contactEmail);
  });

  it("matches case- and accent-insensitively", async () => {
    for (const q of ["los angeles", "LOS ÁNGELES", "Los Angeles"]) {
      const res = await get(`q=${encodeURIComponent(`${tag} ${q}`)}&location=${encodeURIComponent(q)}`, mine.apiKey);
      expect(res.body.data.map((c: Json) => c.id), q).toContain(profiles[0]!.id);
    }
  });

  it("pages with next_cursor", async () => {
    const first = await get(`q=${tag}&sort=engagement&limit=2`, mine.apiKey);
    const second = await get(`q=${tag}&sort=engagement&limit=2&cursor=${first.body.next_cursor}`, mine.apiKey);
    const third = await get(`q=${tag}&sort=engagement&limit=2&cursor=${second.body.next_cursor}`, mine.apiKey);
    expect(third.body.next_cursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data, ...third.body.data].map((c: Json) => c.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("answers 401 without a key, 422 naming bad filters, 400 for a bad cursor", async () => {
    expect((await get("q=x", null)).status).toBe(401);
    const bad = await get("followers_min=many&platform=myspace", mine.apiKey);
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.details.fields).sort()).toEqual(["followers_min", "platform"]);
    expect((await get("limit=500", mine.apiKey)).status).toBe(422);
    expect((await get("cursor=not-a-cursor!", mine.apiKey)).status).toBe(400);
  });

  it("is described in the OpenAPI document with every filter", () => {
    const op = (openApiDocument("http://x").paths as Json)["/discovery/creators"].get;
    const names = op.parameters.map((p: Json) => p.name);
    for (const name of ["q", "audience_location", "audience_location_type", "audience_min_share", "location", "platform", "followers_min", "followers_max", "engagement_min", "engagement_max", "niche", "sort", "limit", "cursor"]) {
      expect(names).toContain(name);
    }
  });
});
