/**
 * `npm run bench:dashboard -- [--creators 500] [--orders 1000000] [--days 180] [--runs 50] [--tabs 100] [--idle 20] [--port 3211]`
 * Seeds one campaign with N creators and M attributed orders (~10 % refunded) into a fresh Postgres
 * database (server-side generate_series), then measures:
 * - the dashboard data (lib/dashboard/getCampaignDashboard: roster + per-creator sums + series +
 *   awaiting payment) for every preset range and a custom one, in-process, with its floor in the
 *   same run (a `select 1` round trip and the campaign-to-date read of ≤ 500 totals rows), and the
 *   EXPLAIN ANALYZE of each query;
 * - the naive baseline on the same data: the same figures grouped from the ledger;
 * - `next start`: the campaign page's server time and HTML size, the JSON it fetches;
 * - idle polling: `--tabs` simulated open dashboards polling the version endpoint as the page does
 *   (VERSION_POLL_MS, If-None-Match) for `--idle` seconds while nothing changes, counting the
 *   database's transactions (pg_stat_database) they cause.
 * Prints one summary line last:
 * `dashboard: data p95 <a> ms (worst range <name>), page p95 <b> ms, html <k> KB, idle polls <q>/s per 100 tabs`.
 * A benchmark: it prints figures; the only checks are that the rollups equal the ledger.
 */
import { loadavg } from "node:os";
import postgres from "postgres";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";
import { seedCampaign } from "@/test/dashboard-seed";

const CREATORS = arg("creators", 500);
const ORDERS = arg("orders", 1_000_000);
const DAYS = arg("days", 180);
const RUNS = arg("runs", 50);
const PORT = arg("port", 3211);
const TABS = arg("tabs", 100);
const IDLE_SECONDS = arg("idle", 20);
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
/** `BENCH_DASHBOARD_DATABASE_URL=…`: measure a database kept by an earlier `--keep 1` run again (seeding 1 M orders takes minutes). */
const REUSE = process.env.BENCH_DASHBOARD_DATABASE_URL;
const database = REUSE ? { url: REUSE, drop: async () => {} } : await freshDatabase("tally_bench_dashboard");
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
const sql = postgres(database.url, { onnotice: () => {}, max: 2 });
let email: string;
let workspace: { id: string; slug: string };
let campaignId: string;
if (REUSE) {
  const [kept] = await sql<{ email: string; id: string; slug: string }[]>`select u.email, w.id, w.slug from users u join memberships m on m.user_id = u.id join workspaces w on w.id = m.workspace_id where w.slug like 'bench-dashboard%' limit 1`;
  if (!kept) throw new Error("BENCH_DASHBOARD_DATABASE_URL: no bench workspace in that database (keep one with --keep 1)");
  ({ email } = kept);
  workspace = { id: kept.id, slug: kept.slug };
  campaignId = "cmp_bench";
  console.log(`Measuring the kept database ${database.url.replace(/^.*\//, "")} again.`);
} else {
  email = `bench-${Date.now()}@example.com`;
  ({ workspace } = await signUpBrand(db, { name: "Bench", email, password: PASSWORD, workspaceName: "Bench Dashboard" }));
  console.log(`Seeding ${CREATORS} creators and ${ORDERS.toLocaleString("en-US")} orders over ${DAYS} days…`);
  let t0 = performance.now();
  ({ campaignId } = await seedCampaign(sql, { workspaceId: workspace.id, prefix: "bench", creators: CREATORS, orders: ORDERS, days: DAYS }));
  const seeded = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await rebuildRollups(db, { workspaceId: workspace.id });
  const rebuilt = (performance.now() - t0) / 1000;
  t0 = performance.now();
  await sql`vacuum analyze`;
  const analyzed = (performance.now() - t0) / 1000;
  console.log(`  loaded in ${seeded.toFixed(1)} s (orders, conversions, ledger), rollups rebuilt from the ledger in ${rebuilt.toFixed(1)} s, vacuum analyze ${analyzed.toFixed(1)} s`);
}
const [counts] = await sql`select (select count(*) from orders) as orders, (select count(*) from ledger_entries) as entries, (select count(*) from campaign_creator_totals) as totals, (select count(*) from campaign_creator_days) as days`;
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

const floorSelect = await time(RUNS, () => sql`select 1`);
console.log(`Floor: a \`select 1\` round trip ${fmt(floorSelect)}`);
console.log(`Dashboard data (lib/dashboard/getCampaignDashboard: roster + per-creator sums + daily series + awaiting payment), ${RUNS} runs each:`);
const dataP95: Record<string, number> = {};
for (const [name, range] of Object.entries(ranges)) {
  const s = await time(RUNS, () => getCampaignDashboard(db, { ...scope, range }));
  dataP95[name] = s.p95;
  console.log(`  ${name.padEnd(20)} ${fmt(s)}`);
}
const presets = ["campaign to date", "last 7 days", "last 30 days", "last 90 days"];
const worst = presets.reduce((w, n) => (dataP95[n]! > dataP95[w]! ? n : w), presets[0]!);
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
await explain("per-creator sums, last 90 days (totals − running totals before the range: one probe per creator)", creatorSums(db, scope, ranges["last 90 days"]) as never);
await explain("per-creator sums, custom (running totals at the end − before the start: two probes per creator)", creatorSums(db, scope, ranges["custom (120 days)"]) as never);
await explain("daily series, last 90 days (campaign_days + unfolded deltas)", dailySeriesQuery(db, scope, ranges["last 90 days"]) as never);
await explain("roster (enrollments ⋈ creators ⟕ discount_codes)", campaignRoster(db, scope) as never);

// The page and its JSON through next start.
await closeDb();
let summary = "";
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
    let bytes = 0;
    for (let i = 0; i < runs + 3; i++) {
      const t = performance.now();
      const res = await fetch(url, { headers: { cookie: cookie() } });
      const first = performance.now();
      const text = await res.text();
      bytes = Buffer.byteLength(text);
      if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${text.slice(0, 200)}`);
      if (i >= 3) {
        ttfb.push(first - t);
        total.push(performance.now() - t);
      }
    }
    return { ttfb: summarize(ttfb), total: summarize(total), bytes };
  };
  console.log(`\nnext start (port ${PORT}), signed in as the brand, ${RUNS} requests each after 3 warm-ups:`);
  const page = await measure(pageUrl, RUNS);
  console.log(`  ${"campaign page (campaign to date)".padEnd(36)} TTFB ${fmt(page.ttfb)} | complete ${fmt(page.total)} | ${(page.bytes / 1024).toFixed(0)} KB of HTML`);
  const page90 = await measure(`${pageUrl}?range=90d`, RUNS);
  console.log(`  ${"campaign page (last 90 days)".padEnd(36)} TTFB ${fmt(page90.ttfb)} | complete ${fmt(page90.total)} | ${(page90.bytes / 1024).toFixed(0)} KB of HTML`);
  for (const [label, url] of [
    ["dashboard JSON (campaign to date)", `${jsonUrl}?range=campaign`],
    ["dashboard JSON (last 90 days)", `${jsonUrl}?range=90d`],
  ] as const) {
    const m = await measure(url, RUNS);
    console.log(`  ${label.padEnd(36)} TTFB ${fmt(m.ttfb)} | complete ${fmt(m.total)} | ${(m.bytes / 1024).toFixed(0)} KB`);
  }

  // Idle polling: TABS open dashboards asking for the version as the page does, nothing changing.
  const { VERSION_POLL_MS } = await import("@/components/dashboard/use-dashboard-version");
  const live = ((await (await fetch(`${jsonUrl}?range=campaign`, { headers: { cookie: cookie() } })).json()) as { live: { version: string; token: string } }).live;
  const versionUrl = `${jsonUrl}/version?t=${encodeURIComponent(live.token)}`;
  const stats = postgres(database.url, { onnotice: () => {}, max: 1 });
  const transactions = async () => {
    const [row] = await stats`select xact_commit + xact_rollback as n from pg_stat_database where datname = current_database()`;
    return Number(row!.n);
  };
  // Other backends report their counts when idle for a second: let them, before and after.
  const settle = () => new Promise((r) => setTimeout(r, 2_500));
  await settle();
  const before = await transactions();
  const statuses = new Map<number, number>();
  const until = Date.now() + IDLE_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: TABS }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / TABS) * VERSION_POLL_MS)); // tabs opened at different moments
      let etag: string | null = null;
      while (Date.now() < until) {
        const res: Response = await fetch(versionUrl, { headers: etag ? { "if-none-match": etag } : {} });
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        etag = res.headers.get("etag") ?? etag;
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, VERSION_POLL_MS));
      }
    }),
  );
  await settle();
  const after = await transactions();
  await stats.end();
  const polls = [...statuses.values()].reduce((a, b) => a + b, 0);
  // The two reads of pg_stat_database are transactions of their own.
  const idleQueriesPerSecond = Math.max(0, after - before - 1) / IDLE_SECONDS;
  console.log(`\nIdle: ${TABS} tabs polled the version every ${VERSION_POLL_MS / 1000} s for ${IDLE_SECONDS} s: ${polls} polls (${[...statuses].map(([s, n]) => `${n}× ${s}`).join(", ")}), ${after - before - 1} database transactions → ${idleQueriesPerSecond.toFixed(2)}/s`);
  summary = `dashboard: data p95 ${dataP95[worst]!.toFixed(1)} ms (worst range ${worst}), page p95 ${page.total.p95.toFixed(1)} ms, html ${(page.bytes / 1024).toFixed(0)} KB, idle polls ${((idleQueriesPerSecond * 100) / TABS).toFixed(2)}/s per 100 tabs`;
} finally {
  server.stop();
  await sql.end();
  if (KEEP && !REUSE) console.log(`\nKept the database: ${database.url}`);
  else if (!REUSE) await database.drop();
}
// The summary line last, also when the database is kept (it used to exit before printing it).
console.log(`\n${summary} (load average ${loadavg().map((l) => l.toFixed(1)).join(" ")})`);
process.exit(0);
