/**
 * `npm run bench:dashboard -- [--creators 500] [--orders 1000000] [--days 180] [--runs 50]`
 * Seeds one campaign with N creators and M attributed orders (~10 % refunded) into a fresh Postgres
 * database (server-side generate_series), then measures:
 * - the dashboard data functions in-process (campaign to date, 7/30/90 days, a custom range, the
 *   workspace overview): p50/p95 server time, with the EXPLAIN ANALYZE of each query;
 * - the naive baseline on the same data: the same figures grouped from the ledger;
 * - `next start`: the campaign page's TTFB and full HTML time, the JSON the page polls every second;
 * - the CSV exports streamed over HTTP (time, size, the server's peak memory).
 * A benchmark: it prints figures; the only checks are that the rollups equal the ledger.
 */
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";
import { seedCampaign } from "@/test/dashboard-seed";

const CREATORS = arg("creators", 500);
const ORDERS = arg("orders", 1_000_000);
const DAYS = arg("days", 180);
const RUNS = arg("runs", 50);
const PORT = arg("port", 3211);
const PASSWORD = "bench password 1";
/** `--keep 1`: leave the seeded database in place (its URL is printed) for EXPLAIN experiments. */
const KEEP = arg("keep", 0) === 1;

const fmt = (s: { p50: number; p95: number; p99: number; max: number }) => `p50 ${s.p50.toFixed(1)} ms · p95 ${s.p95.toFixed(1)} ms · max ${s.max.toFixed(1)} ms`;

async function time<T>(runs: number, fn: () => Promise<T>, warmup = 3) {
  for (let i = 0; i < warmup; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  return summarize(ms);
}

ensureBuild();
const database = await freshDatabase("tally_bench_dashboard");
process.env.DATABASE_URL = database.url;
process.env.TALLY_BCRYPT_COST = "4";
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { resolveRange } = await import("@/lib/dashboard/date-range");
const { getCampaignDashboard, creatorSums, dailySeriesQuery, campaignRoster } = await import("@/lib/dashboard/get-campaign-dashboard");
const { getWorkspaceResults } = await import("@/lib/dashboard/get-workspace-results");
const { creatorSumsFromLedger, seriesFromLedger } = await import("@/lib/dashboard/ledger-sums");
const { rebuildRollups } = await import("@/lib/dashboard/rebuild-rollups");
const db = await getDb();
const email = `bench-${Date.now()}@example.com`;
const { workspace } = await signUpBrand(db, { name: "Bench", email, password: PASSWORD, workspaceName: "Bench Dashboard" });
const sql = postgres(database.url, { onnotice: () => {}, max: 2 });

console.log(`Seeding ${CREATORS} creators and ${ORDERS.toLocaleString("en-US")} orders over ${DAYS} days…`);
let t0 = performance.now();
const { campaignId } = await seedCampaign(sql, { workspaceId: workspace.id, prefix: "bench", creators: CREATORS, orders: ORDERS, days: DAYS });
const seeded = (performance.now() - t0) / 1000;
t0 = performance.now();
await rebuildRollups(db, { workspaceId: workspace.id });
const rebuilt = (performance.now() - t0) / 1000;
t0 = performance.now();
await sql`vacuum analyze`;
const analyzed = (performance.now() - t0) / 1000;
const [counts] = await sql`select (select count(*) from orders) as orders, (select count(*) from ledger_entries) as entries, (select count(*) from campaign_creator_totals) as totals, (select count(*) from campaign_creator_days) as days`;
console.log(`  loaded in ${seeded.toFixed(1)} s (orders, conversions, ledger), rollups rebuilt from the ledger in ${rebuilt.toFixed(1)} s, vacuum analyze ${analyzed.toFixed(1)} s`);
console.log(`  ${Number(counts!.orders).toLocaleString("en-US")} orders, ${Number(counts!.entries).toLocaleString("en-US")} ledger entries → ${counts!.totals} creator totals, ${Number(counts!.days).toLocaleString("en-US")} creator-day rows`);

const now = new Date();
const day = (ago: number) => new Date(now.getTime() - ago * 86_400_000).toISOString().slice(0, 10);
const scope = { workspaceId: workspace.id, campaignId, currency: "USD" };
const ranges = {
  "campaign to date": resolveRange({ range: "campaign" }, now),
  "last 7 days": resolveRange({ range: "7d" }, now),
  "last 30 days": resolveRange({ range: "30d" }, now),
  "last 90 days": resolveRange({ range: "90d" }, now),
  "custom (120 days)": resolveRange({ range: "custom", from: day(150), to: day(31) }, now),
};

// Correctness first: the rollups equal the ledger (campaign to date and 30 days).
for (const r of [ranges["campaign to date"], ranges["last 30 days"]]) {
  const d = await getCampaignDashboard(db, { ...scope, range: r });
  const l = await creatorSumsFromLedger(db, scope, r);
  const ledgerNet = l.reduce((s, x) => s + x.commissionCents - x.reversedCommissionCents, 0);
  if (ledgerNet !== d.tiles.netCommissionCents || l.reduce((s, x) => s + x.orders, 0) !== d.tiles.orders) throw new Error(`rollups differ from the ledger for ${r.kind}`);
}
console.log("  check: dashboard figures = ledger sums (campaign to date, last 30 days) ✓\n");

console.log(`Dashboard data (lib/dashboard/getCampaignDashboard: roster + per-creator sums + daily series, in parallel), ${RUNS} runs each:`);
for (const [name, range] of Object.entries(ranges)) {
  console.log(`  ${name.padEnd(20)} ${fmt(await time(RUNS, () => getCampaignDashboard(db, { ...scope, range })))}`);
}
console.log(`  ${"workspace overview".padEnd(20)} ${fmt(await time(RUNS, () => getWorkspaceResults(db, { workspaceId: workspace.id })))}`);

const naiveRuns = Math.max(3, Math.floor(RUNS / 10));
console.log(`\nNaive baseline (same figures grouped from ledger_entries ⋈ conversions), ${naiveRuns} runs each:`);
for (const name of ["campaign to date", "last 30 days"] as const) {
  const range = ranges[name];
  console.log(`  ${name.padEnd(20)} ${fmt(await time(naiveRuns, () => Promise.all([campaignRoster(db, scope), creatorSumsFromLedger(db, scope, range), seriesFromLedger(db, scope, range)]), 1))}`);
}

async function explain(label: string, query: { toSQL: () => { sql: string; params: unknown[] } }) {
  const { sql: text, params } = query.toSQL();
  const plan = await sql.unsafe(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params as never[]);
  console.log(`\n  ${label}`);
  for (const row of plan) console.log(`    ${String(row["QUERY PLAN"])}`);
}
console.log("\nQuery plans (EXPLAIN ANALYZE):");
await explain("per-creator sums, campaign to date (campaign_creator_totals)", creatorSums(db, scope, ranges["campaign to date"]) as never);
await explain("per-creator sums, last 30 days (campaign_creator_days)", creatorSums(db, scope, ranges["last 30 days"]) as never);
await explain("daily series, campaign to date (campaign_days)", dailySeriesQuery(db, scope, ranges["campaign to date"]) as never);
await explain("roster (enrollments ⋈ creators ⟕ discount_codes)", campaignRoster(db, scope) as never);

// The page and its JSON through next start.
await closeDb();
const server = await startServer(PORT, { DATABASE_URL: database.url, AUTH_SECRET: "bench-auth-secret-0123456789abcdef", ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), TALLY_SKIP_MIGRATE: "1", TALLY_DISABLE_SWEEPER: "1" });
try {
  const jar = new Map<string, string>();
  const remember = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrfRes = await fetch(`${server.url}/api/auth/csrf`);
  remember(csrfRes);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const login = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ email, password: PASSWORD, csrfToken, callbackUrl: "/" }),
  });
  remember(login);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed (${login.status})`);

  const pageUrl = `${server.url}/brand/${workspace.slug}/campaigns/${campaignId}`;
  const jsonUrl = `${server.url}/api/brand/${workspace.slug}/campaigns/${campaignId}/dashboard`;
  const measure = async (url: string, runs: number) => {
    const ttfb: number[] = [];
    const total: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie: cookie() } });
      const first = performance.now();
      const text = await res.text();
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
      if (i >= 3) {
        ttfb.push(first - t);
        total.push(performance.now() - t);
      }
    }
    return { ttfb: summarize(ttfb), total: summarize(total) };
  };
  console.log(`\nnext start (port ${PORT}), signed in as the brand, ${RUNS} requests each after 3 warm-ups:`);
  for (const [label, url] of [
    ["campaign page (campaign to date)", pageUrl],
    ["campaign page (last 30 days)", `${pageUrl}?range=30d`],
    ["dashboard JSON (polled every 1 s)", `${jsonUrl}?range=campaign`],
    ["dashboard JSON (last 90 days)", `${jsonUrl}?range=90d`],
  ] as const) {
    const m = await measure(url, RUNS);
    console.log(`  ${label.padEnd(36)} TTFB ${fmt(m.ttfb)} | complete ${fmt(m.total)}`);
  }

  // In a real browser: navigation → DOMContentLoaded, load, and the chart drawn (hydrated React).
  const { chromium } = await import("@playwright/test");
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([...jar].map(([name, value]) => ({ name, value, url: server.url })));
    const page = await context.newPage();
    const dcl: number[] = [];
    const load: number[] = [];
    const drawn: number[] = [];
    const browserRuns = Math.max(5, Math.floor(RUNS / 5));
    for (let i = 0; i < browserRuns + 2; i++) {
      const t = performance.now();
      await page.goto(pageUrl, { waitUntil: "load" });
      await page.locator("[data-testid=results-chart] .recharts-bar-rectangle").first().waitFor();
      const chart = performance.now() - t;
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
        return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd };
      });
      if (i >= 2) {
        dcl.push(nav.dcl);
        load.push(nav.load);
        drawn.push(chart);
      }
    }
    console.log(`  ${"in Chromium (campaign to date)".padEnd(36)} DOMContentLoaded ${fmt(summarize(dcl))} | load ${fmt(summarize(load))} | chart drawn ${fmt(summarize(drawn))}`);
  } finally {
    await browser.close();
  }

  const rss = () => {
    try {
      const status = readFileSync(`/proc/${server.proc.pid}/status`, "utf8");
      return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      return 0;
    }
  };
  console.log("\nCSV exports over HTTP (streamed):");
  for (const [label, url] of [
    ["payout CSV, campaign to date", `${server.url}/api/brand/${workspace.slug}/campaigns/${campaignId}/export/payouts?range=campaign`],
    ["orders CSV, last 30 days", `${server.url}/api/brand/${workspace.slug}/campaigns/${campaignId}/export/orders?range=30d`],
    [`orders CSV, campaign to date (${ORDERS.toLocaleString("en-US")} orders)`, `${server.url}/api/brand/${workspace.slug}/campaigns/${campaignId}/export/orders?range=campaign`],
  ] as const) {
    const before = rss();
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
    const t = performance.now();
    const res = await fetch(url, { headers: { cookie: cookie() } });
    const first = performance.now() - t;
    let bytes = 0;
    let lines = 0;
    const reader = res.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const b of value) if (b === 10) lines++;
    }
    clearInterval(sampler);
    const secs = (performance.now() - t) / 1000;
    console.log(`  ${label.padEnd(44)} ${lines.toLocaleString("en-US")} lines, ${(bytes / 1e6).toFixed(1)} MB in ${secs.toFixed(1)} s (first byte ${first.toFixed(0)} ms); server RSS ${before.toFixed(0)} → peak ${peak.toFixed(0)} MB`);
  }
} finally {
  server.stop();
  await sql.end();
  if (KEEP) {
    console.log(`\nKept the database: ${database.url}`);
    process.exit(0);
  } else await database.drop();
}
