import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import type { DiscoveryAudience } from "@/db/schema/discovery";
import { AppError } from "@/lib/errors";
import { createTestBrand, uniq } from "@/test/factories";
import { generateProfile, generateProfiles, type GeneratedProfile } from "./generate-profiles";
import { insertDiscoveryProfiles } from "./insert-profiles";
import { searchDiscoveryCreators } from "./search-creators";
import { parseDiscoverySearch } from "./search-filters";
import { unlockCreatorEmail } from "./unlock-creator-email";

/**
 * The discovery database is global (shared by every test file), so each run tags its own profiles
 * with a word of its own (`tag`) and every search here includes it in `q`.
 */
let db: Db;
let workspaceId: string;
const tag = `zq${uniq()}`;
let seq = 0;

const audience = (locations: DiscoveryAudience["locations"]): DiscoveryAudience => ({
  locations,
  age: { "13-17": 500, "18-24": 3500, "25-34": 4000, "35-44": 1500, "45+": 500 },
  gender: { female: 6000, male: 3900, other: 100 },
});

function profile(over: Partial<GeneratedProfile>): GeneratedProfile {
  const base = generateProfile(424242, 900_000 + seq++);
  return { ...base, id: `${base.id.slice(0, -4)}${uniq().slice(0, 4)}`, handle: `${tag}_${seq}`, bio: `Creator ${tag}.`, ...over };
}

// Every string field in accented / mixed-case form; the control profile has none of these strings.
const accented = profile({
  handle: `CremeBrulee_${tag}`,
  displayName: "Zoë Ñúñez",
  bio: `Pâtisserie et gâteaux ${tag}`,
  niches: ["Crème Brûlée", "Home & Décor"],
  city: "Los Ángeles",
  region: "Île-de-France",
  country: "México",
  followers: 50_000,
  engagementRateBps: 420,
  platforms: ["tiktok"],
  audience: audience([
    { kind: "city", name: "São Paulo", share_bps: 2500 },
    { kind: "region", name: "Québec", share_bps: 1500 },
    { kind: "country", name: "España", share_bps: 4000 },
  ]),
});
const plain = profile({
  handle: `plainbob_${tag}`,
  displayName: "Bob Plain",
  bio: `Just here ${tag}`,
  niches: ["Tech"],
  city: "Chicago",
  region: "Illinois",
  country: "United States",
  followers: 9_000,
  engagementRateBps: 250,
  platforms: ["instagram", "youtube"],
  audience: audience([
    { kind: "city", name: "Los Angeles", share_bps: 500 },
    { kind: "region", name: "California", share_bps: 900 },
    { kind: "country", name: "United States", share_bps: 8000 },
  ]),
});

// "Los Angeles" typed as text: a creator based there ranks above a bigger one based in Buenos Aires
// whose audience (or bio) mentions Los Angeles. Both carry a tag of their own as a niche, to isolate them.
const placeTag = `zp${uniq()}`;
const inLosAngeles = profile({
  handle: `lacreator_${placeTag}`,
  bio: "Beach days and skincare.",
  displayName: "Lena Ortiz",
  niches: [placeTag],
  city: "Los Angeles",
  region: "California",
  country: "United States",
  followers: 20_000,
  audience: audience([{ kind: "city", name: "San Diego", share_bps: 3000 }]),
});
const inBuenosAires = profile({
  handle: `bacreator_${placeTag}`,
  displayName: "Bruno Paz",
  bio: "Tango and travel, Buenos Aires to Los Angeles.",
  niches: [placeTag],
  city: "Buenos Aires",
  region: "Buenos Aires",
  country: "Argentina",
  followers: 900_000,
  audience: audience([{ kind: "city", name: "Los Angeles", share_bps: 3000 }, { kind: "country", name: "Argentina", share_bps: 5000 }]),
});

/** Searches twice — walking (the default window) and collecting (a window of 1) — and checks they agree. */
async function ids(params: Record<string, string>, limit = 50) {
  const filters = parseDiscoverySearch(params);
  const walked = (await searchDiscoveryCreators(db, { workspaceId, filters, limit })).creators.map((c) => c.id);
  const collected = (await searchDiscoveryCreators(db, { workspaceId, filters, limit, window: 1 })).creators.map((c) => c.id);
  expect(collected).toEqual(walked);
  return walked;
}

beforeAll(async () => {
  db = await getDb();
  workspaceId = (await createTestBrand(db)).workspace.id;
  await insertDiscoveryProfiles(db, [accented, plain, inLosAngeles, inBuenosAires]);
});

describe("discovery search: case- and accent-insensitive on every string field", () => {
  it.each<[string, string]>([
    ["handle, lower case", "cremebrulee"],
    ["handle, upper case", "CREMEBRULEE"],
    ["handle with a leading @", `@CremeBrulee_${tag}`],
    ["display name without accents", "zoe nunez"],
    ["display name in capitals with accents", "ZOË ÑÚÑEZ"],
    ["display name, one word", "Nunez"],
    ["bio without accents", "patisserie gateaux"],
    ["bio in capitals", "PÂTISSERIE"],
    ["niche without accents", "creme brulee"],
    ["niche with other accents", "CRÊME BRÜLÉE"],
    ["niche with a symbol", "décor"],
    ["own city, plain (the control's audience has Los Angeles too)", "los angeles"],
    ["own city, as written (the control's audience has Los Angeles too)", "Los Ángeles"],
    ["own city, capitals with the accent (the control's audience has Los Angeles too)", "LOS ÁNGELES"],
    ["own region", "ile-de-france"],
    ["own country", "MEXICO"],
    ["audience city", "sao paulo"],
    ["audience region", "QUEBEC"],
    ["audience country", "espana"],
  ])("free text: %s (%s)", async (_name, q) => {
    const found = await ids({ q: `${tag} ${q}` });
    expect(found).toContain(accented.id);
    if (_name.includes("the control's audience")) expect(found).toContain(plain.id);
    else expect(found).not.toContain(plain.id);
  });

  it.each([undefined, 1])("free text naming a place: creators based exactly there come before partial matches, whatever their followers (window %s)", async (window) => {
    const filters = parseDiscoverySearch({ q: "los angeles", niche: placeTag, sort: "relevance" });
    const found = (await searchDiscoveryCreators(db, { workspaceId, filters, limit: 10, window })).creators.map((c) => c.id);
    expect(found).toEqual([inLosAngeles.id, inBuenosAires.id]);
    const region = (await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: "CALIFORNIA", niche: placeTag }), limit: 10, window })).creators.map((c) => c.id);
    expect(region).toEqual([inLosAngeles.id]);
    // Paged one at a time, the place tier and the partial tier still come in order, once each.
    const first = await searchDiscoveryCreators(db, { workspaceId, filters, limit: 1, window });
    const second = await searchDiscoveryCreators(db, { workspaceId, filters, limit: 1, window, cursor: first.nextCursor! });
    expect([...first.creators, ...second.creators].map((c) => c.id)).toEqual([inLosAngeles.id, inBuenosAires.id]);
    expect(second.nextCursor).toBeNull();
  });

  it.each<[string, Record<string, string>, string[]]>([
    ["audience city (any kind), plain spelling", { audience_location: "sao paulo" }, ["accented"]],
    ["audience city, capitals with accents, typed", { audience_location: "SÃO PAULO", audience_location_type: "city" }, ["accented"]],
    ["audience city under the wrong type", { audience_location: "sao paulo", audience_location_type: "country" }, []],
    ["audience region", { audience_location: "québec", audience_location_type: "REGION" }, ["accented"]],
    ["audience country", { audience_location: "ESPAÑA", audience_location_type: "country" }, ["accented"]],
    ["audience 'LOS ÁNGELES' matches data 'Los Angeles'", { audience_location: "LOS ÁNGELES", audience_location_type: "city" }, ["plain"]],
    ["audience 'los angeles'", { audience_location: "los angeles" }, ["plain"]],
    ["audience min share met (5 %)", { audience_location: "Los Angeles", audience_min_share: "5" }, ["plain"]],
    ["audience min share not met (5.01 %)", { audience_location: "Los Angeles", audience_min_share: "5.01" }, []],
    ["audience country share 40 %", { audience_location: "espana", audience_min_share: "40" }, ["accented"]],
    ["creator location: city, plain", { location: "los angeles" }, ["accented"]],
    ["creator location: city, capitals", { location: "LOS ÁNGELES" }, ["accented"]],
    ["creator location: region", { location: "ÎLE-DE-FRANCE" }, ["accented"]],
    ["creator location: country", { location: "mexico" }, ["accented"]],
    ["creator location: another country", { location: "UNITED STATES" }, ["plain"]],
    ["niche, plain", { niche: "creme brulee" }, ["accented"]],
    ["niche, capitals", { niche: "HOME & DECOR" }, ["accented"]],
    ["niche, as labelled", { niche: "Tech" }, ["plain"]],
    ["niche is a whole label, not a substring", { niche: "creme" }, []],
    ["platform, any case", { platform: "TikTok" }, ["accented"]],
    ["platforms, any of", { platform: "youtube,tiktok" }, ["accented", "plain"]],
    ["followers range", { followers_min: "10000", followers_max: "60000" }, ["accented"]],
    ["engagement range (percent)", { engagement_min: "2.5", engagement_max: "2.5" }, ["plain"]],
    ["a literal % matches nothing", { q: "%" }, []],
    ["a literal _ matches nothing", { q: "_x_" }, []],
  ])("filter: %s", async (_name, params, expected) => {
    const found = await ids({ ...params, q: `${tag} ${params.q ?? ""}`.trim() });
    const byName = { accented: accented.id, plain: plain.id } as const;
    expect(found.sort()).toEqual(expected.map((e) => byName[e as keyof typeof byName]).sort());
  });
});

describe("discovery search: order, pages, emails", () => {
  const sortTag = `zs${uniq()}`;
  let many: GeneratedProfile[];
  beforeAll(async () => {
    many = [...generateProfiles(777, 30, 950_000)].map((p, i) => ({
      ...p,
      id: `${p.id.slice(0, -4)}${uniq().slice(0, 4)}`,
      handle: i % 5 === 0 ? `${sortTag}_${i}` : `someone_${uniq()}`,
      bio: `${p.bio} ${sortTag}`,
      followers: 1000 + ((i * 7919) % 30) * 1000, // distinct
      engagementRateBps: 100 + ((i * 31) % 30) * 10,
    }));
    await insertDiscoveryProfiles(db, many);
  });

  it.each([undefined, 1, 3])("followers and engagement sorts are descending; keyset pages cover every match exactly once (window %s)", async (window) => {
    for (const sort of ["followers", "engagement"] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const { creators, nextCursor } = await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: sortTag, sort }), limit: 7, cursor, window });
        seen.push(...creators.map((c) => c.id));
        cursor = nextCursor ?? undefined;
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      const key = (p: GeneratedProfile) => (sort === "followers" ? p.followers : p.engagementRateBps);
      const expected = [...many].sort((a, b) => key(b) - key(a) || (b.id < a.id ? -1 : 1)).map((p) => p.id);
      expect(seen).toEqual(expected);
    }
  });

  it("a collection is capped: each page ranks at most the cap's matches, pages stay in order and never repeat a creator", async () => {
    const seen: string[] = [];
    const followers: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const trace: SQL[] = [];
      const { creators, nextCursor } = await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: sortTag, sort: "followers" }), limit: 7, cursor, window: 1, collectCap: 10, trace });
      // every statement that collects reads at most the cap
      const collects = trace.map((t) => new PgDialect().sqlToQuery(t)).filter((q) => q.sql.includes("as materialized"));
      expect(collects.length).toBeGreaterThan(0);
      for (const q of collects) expect(q.params).toContain(10);
      seen.push(...creators.map((c) => c.id));
      followers.push(...creators.map((c) => c.followers));
      cursor = nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    expect(followers).toEqual([...followers].sort((a, b) => b - a));
    expect(seen.length).toBeGreaterThanOrEqual(7);
  });

  it.each([undefined, 1, 3])("relevance puts handle/name matches first, each tier by followers, across pages (window %s)", async (window) => {
    const seen: { id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: sortTag }), limit: 4, cursor, window });
      seen.push(...page.creators);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const inName = many.filter((p) => p.handle.startsWith(sortTag)).sort((a, b) => b.followers - a.followers);
    const rest = many.filter((p) => !p.handle.startsWith(sortTag)).sort((a, b) => b.followers - a.followers);
    expect(seen.map((c) => c.id)).toEqual([...inName, ...rest].map((p) => p.id));
  });

  it("a cursor of another sort order or a forged one is a 400", async () => {
    const { nextCursor } = await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: sortTag, sort: "followers" }), limit: 2 });
    const other = searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: sortTag, sort: "engagement" }), limit: 2, cursor: nextCursor! });
    await expect(other).rejects.toMatchObject({ code: "bad_request" });
    await expect(searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({}), limit: 2, cursor: "bm9wZQ" })).rejects.toBeInstanceOf(AppError);
  });

  it("invalid filters are a 422 naming the field", () => {
    const fieldsOf = (params: Record<string, string>) => {
      try {
        parseDiscoverySearch(params);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        return Object.keys(((error as AppError).details as { fields: Record<string, string[]> }).fields);
      }
      throw new Error("expected a validation error");
    };
    expect(fieldsOf({ followers_min: "lots" })).toEqual(["followers_min"]);
    expect(fieldsOf({ followers_min: "500", followers_max: "10" })).toEqual(["followers_min"]);
    expect(fieldsOf({ platform: "instagram,myspace" })).toEqual(["platform"]);
    expect(fieldsOf({ engagement_min: "101", sort: "random" })).toEqual(["engagement_min", "sort"]);
    // Free text needs one word with three letters or digits in a row (the trigram index's unit).
    expect(fieldsOf({ q: "ny" })).toEqual(["q"]);
    expect(fieldsOf({ q: "a b --- %%%" })).toEqual(["q"]);
    expect(parseDiscoverySearch({ q: "los angeles ca" }).q).toBe("los angeles ca");
    expect(parseDiscoverySearch({ q: "Zoë" }).q).toBe("Zoë");
  });

  it("emails are revealed only to the workspace that unlocked the creator", async () => {
    const other = (await createTestBrand(db)).workspace.id;
    const target = many[3]!;
    const before = await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: target.handle }), limit: 5 });
    expect(before.creators.find((c) => c.id === target.id)?.email).toBeNull();
    await unlockCreatorEmail(db, { workspaceId, profileId: target.id, actor: { kind: "system" }, userId: null, now: new Date() });
    const mine = await searchDiscoveryCreators(db, { workspaceId, filters: parseDiscoverySearch({ q: target.handle }), limit: 5 });
    expect(mine.creators.find((c) => c.id === target.id)?.email).toBe(target.contactEmail);
    const theirs = await searchDiscoveryCreators(db, { workspaceId: other, filters: parseDiscoverySearch({ q: target.handle }), limit: 5 });
    expect(theirs.creators.find((c) => c.id === target.id)?.email).toBeNull();
    expect(JSON.stringify(theirs)).not.toContain(target.contactEmail);
  });
});
