/**
 * `npm run bench:discovery -- [--creators 1000000] [--runs 60] [--requests 1000] [--port 3117]`
 * (after `npm run build`). Creator discovery over N seeded profiles: a fresh database,
 * `npm run discovery:seed` (timed), then
 * - each typical search run `runs` times with varied parameters through lib/discovery (the query the
 *   portal and API v1 run, for a workspace with some unlocks): p50/p95 per search and the EXPLAIN
 *   (ANALYZE, BUFFERS) plan of one representative run of each;
 * - over real HTTP, against the production build (`next start`): `requests` random combinations of
 *   the filters from a fixed seed, one after another, through `GET /api/v1/discovery/creators` (four
 *   API keys in turn, to stay under each key's 600 requests a minute; a 429 would be waited out as its
 *   Retry-After says and retried, not timed). Floor, in the same run: `GET /api/health` (HTTP and
 *   the app's routing, no search). Prints the summary line
 *   `discovery: http p50 <a> ms p95 <b> ms p99 <c> ms over <N> creators`.
 * A benchmark: it prints figures and checks only that searches answer 200.
 * BENCH_DATABASE_URL=… reuses an already seeded database (no fresh database, no seed).
 */
import { spawnSync } from "node:child_process";
import { sql, type SQL } from "drizzle-orm";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";

const CREATORS = arg("creators", 1_000_000);
const RUNS = arg("runs", 60);
const REQUESTS = arg("requests", 1000);
const PORT = arg("port", 3117);
ensureBuild();

const reuse = process.env.BENCH_DATABASE_URL;
const database = reuse ? { url: reuse, drop: async () => {} } : await freshDatabase("tally_payouts_discovery");
process.env.DATABASE_URL = database.url;
process.env.TALLY_BCRYPT_COST = "4";

if (!reuse) {
  // Migrate first (the seed script would too), so the seed's timing is the load alone.
  const { getDb, closeDb } = await import("@/db/client");
  await getDb();
  await closeDb();
  console.log(`seeding ${CREATORS.toLocaleString("en-US")} profiles…`);
  const t0 = performance.now();
  const seed = spawnSync("node_modules/.bin/tsx", ["scripts/discovery-seed.ts", "--creators", String(CREATORS), "--seed", "1"], {
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ["ignore", "pipe", "inherit"],
    encoding: "utf8",
  });
  if (seed.status !== 0) throw new Error("discovery:seed failed");
  console.log(`seed: ${((performance.now() - t0) / 1000).toFixed(1)} s wall — ${seed.stdout.trim()}`);
}

const { getDb, closeDb, queryRows } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { searchDiscoveryCreators } = await import("@/lib/discovery/search-creators");
const { parseDiscoverySearch } = await import("@/lib/discovery/search-filters");
const { unlockCreatorEmail } = await import("@/lib/discovery/unlock-creator-email");
const { getUnlockQuota } = await import("@/lib/discovery/get-unlock-quota");
const db = await getDb();
const { workspace } = await signUpBrand(db, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Discovery" });
// A few unlocks, so the email join is exercised as in real use.
const sample = await queryRows<{ id: string }>(db, sql`select id from discovery_profiles order by followers desc limit 8`);
for (const s of sample) await unlockCreatorEmail(db, { workspaceId: workspace.id, profileId: s.id, actor: { kind: "system" }, userId: null, now: new Date() });

type Params = Record<string, string>;
const cycle = <T,>(xs: T[]) => (i: number) => xs[i % xs.length]!;
const searches: { name: string; params: (i: number) => Params; pages?: number }[] = [
  {
    name: "text, relevance (\"los angeles\"-like)",
    params: cycle<Params>([{ q: "los angeles" }, { q: "LOS ÁNGELES" }, { q: "beauty" }, { q: "glow" }, { q: "maria garcia" }, { q: "são paulo" }, { q: "skincare toronto" }, { q: "zoe" }, { q: "fitness miami" }, { q: "montreal" }]),
  },
  {
    name: "audience city + min share + followers, by followers",
    params: cycle<Params>(
      ["Los Angeles", "New York", "london", "SÃO PAULO", "Toronto", "paris", "Chicago", "Bogota"].flatMap((city, i) => [
        { audience_location: city, audience_location_type: "city", audience_min_share: String([5, 10, 15][i % 3]), followers_min: "10000", followers_max: "100000", sort: "followers" },
        { audience_location: city, audience_location_type: "city", audience_min_share: "10", followers_min: "50000", followers_max: "1000000", sort: "followers" },
      ]),
    ),
  },
  {
    name: "niche + engagement sort",
    params: cycle<Params>(["beauty", "Fitness", "food & drink", "tech", "TRAVEL", "pets", "home & decor", "finance"].map((niche) => ({ niche, sort: "engagement" }))),
  },
  {
    name: "audience country + niche + engagement ≥ 3 %, relevance",
    params: cycle<Params>(["united states", "Brasil", "mexico", "united kingdom", "espana"].flatMap((country) => [
      { audience_location: country, audience_location_type: "country", audience_min_share: "20", niche: "beauty", engagement_min: "3" },
      { audience_location: country, audience_location_type: "country", audience_min_share: "30", niche: "fashion", engagement_min: "3" },
    ])),
  },
  {
    name: "text + creator location + platform, by followers",
    params: cycle<Params>([
      { q: "beauty", location: "united states", platform: "tiktok", sort: "followers" },
      { q: "fitness", location: "canada", platform: "instagram", sort: "followers" },
      { q: "travel", location: "France", platform: "youtube", sort: "followers" },
      { q: "glow", location: "LOS ANGELES", platform: "instagram,tiktok", sort: "followers" },
    ]),
  },
  {
    name: "rare text (a handle fragment)",
    params: cycle<Params>([{ q: "glowwithmaria" }, { q: "chloe_silva1" }, { q: "ines.rossi" }, { q: "kofi_okafor" }, { q: "bytes" }]),
  },
  {
    name: "followers range, page 5 (keyset), by followers",
    params: cycle<Params>([{ followers_min: "20000", followers_max: "200000", sort: "followers" }, { followers_min: "1000000", sort: "followers" }]),
    pages: 5,
  },
];

/** Runs a search over `pages` pages; the time is the last page's, `cursor` the one that page used. */
async function run(params: Params, pages = 1) {
  const filters = parseDiscoverySearch(params);
  let cursor: string | undefined;
  for (let p = 0; ; p++) {
    const t0 = performance.now();
    const page = await searchDiscoveryCreators(db, { workspaceId: workspace.id, filters, limit: 24, cursor });
    const ms = performance.now() - t0;
    if (p === pages - 1 || !page.nextCursor) return { ms, results: page.creators.length, cursor };
    cursor = page.nextCursor;
  }
}

async function explain(query: SQL): Promise<string> {
  const rows = await queryRows<{ "QUERY PLAN": string }>(db, sql`explain (analyze, buffers) ${query}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

const report: string[] = [];
for (const s of searches) {
  for (let i = 0; i < Math.min(RUNS, 10); i++) await run(s.params(i), s.pages); // warm-up
  const times: number[] = [];
  let empty = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await run(s.params(i), s.pages);
    times.push(r.ms);
    if (r.results === 0) empty++;
  }
  const sum = summarize(times);
  const line = `${s.name.padEnd(58)} p50 ${sum.p50.toFixed(1).padStart(6)} ms   p95 ${sum.p95.toFixed(1).padStart(6)} ms   max ${sum.max.toFixed(1).padStart(6)} ms   (${RUNS} runs${empty ? `, ${empty} empty` : ""})`;
  report.push(line);
  console.log(`\n━━ ${line}`);
  const params = s.params(0);
  const cursor = s.pages && s.pages > 1 ? (await run(params, s.pages)).cursor : undefined;
  const trace: SQL[] = [];
  await searchDiscoveryCreators(db, { workspaceId: workspace.id, filters: parseDiscoverySearch(params), limit: 24, cursor, trace });
  console.log(`EXPLAIN (ANALYZE, BUFFERS) of the ${trace.length} statements of ${JSON.stringify(params)}${cursor ? " (page 5)" : ""}:`);
  for (const [i, statement] of trace.entries()) {
    console.log(`-- statement ${i + 1}`);
    console.log(await explain(statement));
  }
}

// Beyond the typical searches: random combinations of the filters (seeded, so runs compare), to show
// the tail — combinations whose matches are rare among the best candidates are collected.
const { PLACES, NICHES } = await import("@/lib/discovery/generate-profiles");
const { prng } = await import("@/lib/prng");
const words = ["los angeles", "beauty", "glow", "maria", "garcia", "skincare", "travel", "fitness", "paris", "são paulo", "montreal", "zoe", "nunez", "kitchen", "bakes", "pets", "style", "crème", "décor", "miami", "tokyo", "eats"];
function randomCombinations(seed: number, n: number): Params[] {
  const rand = prng(seed);
  const any = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const out: Params[] = [];
  for (let i = 0; i < n; i++) {
    const p: Params = {};
    if (rand() < 0.5) p.q = rand() < 0.3 ? `${any(words)} ${any(words)}` : any(words);
    if (rand() < 0.35) {
      const place = any(PLACES);
      const kind = any(["city", "region", "country"] as const);
      p.audience_location = kind === "city" ? place.city : kind === "region" ? place.region : place.country;
      p.audience_location_type = kind;
      if (rand() < 0.7) p.audience_min_share = String(any([5, 10, 20, 30]));
    }
    if (rand() < 0.2) p.location = any([any(PLACES).city, any(PLACES).country]);
    if (rand() < 0.3) p.niche = any(NICHES);
    if (rand() < 0.2) p.platform = any(["instagram", "tiktok", "youtube", "tiktok,youtube"]);
    if (rand() < 0.3) {
      p.followers_min = String(any([1000, 10000, 50000, 100000]));
      if (rand() < 0.5) p.followers_max = String(Number(p.followers_min) * any([5, 20, 100]));
    }
    if (rand() < 0.2) p.engagement_min = String(any([1, 2, 3, 5]));
    p.sort = any(["relevance", "relevance", "followers", "engagement"]);
    out.push(p);
  }
  return out;
}
const randomTimes: { ms: number; params: Params }[] = [];
for (const p of randomCombinations(5, RUNS * 4)) randomTimes.push({ ms: (await run(p)).ms, params: p });
const rs = summarize(randomTimes.map((t) => t.ms));
report.push(`${`random filter combinations (${randomTimes.length}), in-process`.padEnd(58)} p50 ${rs.p50.toFixed(1).padStart(6)} ms   p95 ${rs.p95.toFixed(1).padStart(6)} ms   p99 ${rs.p99.toFixed(1).padStart(6)} ms   max ${rs.max.toFixed(1).padStart(6)} ms`);
console.log("\n━━ slowest random combinations (in-process):");
for (const t of [...randomTimes].sort((a, b) => b.ms - a.ms).slice(0, 5)) console.log(`${t.ms.toFixed(1).padStart(8)} ms  ${JSON.stringify(t.params)}`);

// The header counter: used / allowance from the unlock records.
const quotaTimes: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  await getUnlockQuota(db, { workspaceId: workspace.id, now: new Date() });
  quotaTimes.push(performance.now() - t0);
}
const q = summarize(quotaTimes);
report.push(`${"unlock quota (header counter)".padEnd(58)} p50 ${q.p50.toFixed(1).padStart(6)} ms   p95 ${q.p95.toFixed(1).padStart(6)} ms   max ${q.max.toFixed(1).padStart(6)} ms`);

// Over real HTTP: the production build answering GET /api/v1/discovery/creators.
const { createApiKey } = await import("@/lib/api-keys/api-keys");
const keys: string[] = [];
for (let i = 0; i < 4; i++) keys.push((await createApiKey(db, { workspaceId: workspace.id, name: `bench ${i + 1}`, actor: { kind: "system" } })).key);
const server = await startServer(PORT, {
  DATABASE_URL: database.url,
  AUTH_SECRET: "bench-auth-secret-0123456789abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"),
  TALLY_SKIP_MIGRATE: "1",
  SHOPIFY_API_KEY: "bench",
  SHOPIFY_API_SECRET: "bench-secret",
});
const httpTimes: { ms: number; params: Params }[] = [];
const floorTimes: number[] = [];
let nth = 0;
let statuses = 0;
async function get(path: string, timed: boolean): Promise<number> {
  for (;;) {
    const key = keys[nth++ % keys.length]!;
    const t0 = performance.now();
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    await res.arrayBuffer();
    const ms = performance.now() - t0;
    if (res.status === 429) {
      await new Promise((r) => setTimeout(r, Number(res.headers.get("retry-after") ?? "1") * 1000));
      continue;
    }
    if (res.status !== 200) {
      statuses++;
      console.log(`  HTTP ${res.status} for ${path}`);
    }
    return timed ? ms : 0;
  }
}
try {
  const combos = randomCombinations(18, REQUESTS);
  // warm-up: the server's first requests compile and connect
  for (const p of combos.slice(0, 30)) await get(`/api/v1/discovery/creators?${new URLSearchParams({ ...p, limit: "24" })}`, false);
  for (const [i, p] of combos.entries()) {
    httpTimes.push({ ms: await get(`/api/v1/discovery/creators?${new URLSearchParams({ ...p, limit: "24" })}`, true), params: p });
    if (i % 10 === 0) floorTimes.push(await get("/api/health", true));
  }
} finally {
  server.stop();
}
const hs = summarize(httpTimes.map((t) => t.ms));
const fl = summarize(floorTimes);
console.log("\n━━ slowest HTTP requests:");
for (const t of [...httpTimes].sort((a, b) => b.ms - a.ms).slice(0, 8)) console.log(`${t.ms.toFixed(1).padStart(8)} ms  ${JSON.stringify(t.params)}`);
report.push(`${`HTTP floor: GET /api/health (${floorTimes.length})`.padEnd(58)} p50 ${fl.p50.toFixed(1).padStart(6)} ms   p95 ${fl.p95.toFixed(1).padStart(6)} ms   p99 ${fl.p99.toFixed(1).padStart(6)} ms`);

const [size] = await queryRows<{ profiles: string; audience: string }>(
  db,
  sql`select pg_size_pretty(pg_total_relation_size('discovery_profiles')) as profiles, pg_size_pretty(pg_total_relation_size('discovery_audience_locations')) as audience`,
);
console.log(`\n══ creator discovery over ${CREATORS.toLocaleString("en-US")} profiles (tables with indexes: profiles ${size?.profiles}, audience ${size?.audience})`);
for (const line of report) console.log(line);
console.log(`discovery: http p50 ${hs.p50.toFixed(1)} ms p95 ${hs.p95.toFixed(1)} ms p99 ${hs.p99.toFixed(1)} ms over ${CREATORS} creators (${httpTimes.length} requests${statuses ? `, ${statuses} not 200` : ""}; floor GET /api/health p50 ${fl.p50.toFixed(1)} ms p99 ${fl.p99.toFixed(1)} ms)`);
await closeDb();
await database.drop();
