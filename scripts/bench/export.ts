/**
 * `npm run bench:export -- [--orders 1000000] [--creators 500] [--days 180] [--keep 1]`
 * Seeds one campaign with N attributed orders (~10 % refunded) into a fresh Postgres database
 * (test/dashboard-seed.ts, as bench:dashboard), then streams the per-order CSV
 * (lib/dashboard/export-csv.ts orderCsv, the code behind "Orders CSV") to nowhere, in this process:
 * - the last 30 days (a sixth of the orders): the range's entries off the (workspace_id,
 *   occurred_at) index;
 * - campaign to date: every order, one line each;
 * with the process's peak RSS sampled every 20 ms, and a floor in the same run: a bare cursor over
 * the campaign's conversions (the same rows, batch size and driver, no sums and no CSV).
 * Then checks, outside the timed runs, that the 30-day file's net commission equals the ledger's.
 * `BENCH_EXPORT_DATABASE_URL=…` measures an existing database's largest campaign instead (e.g. one
 * kept by `bench:dashboard -- --keep 1`), seeding nothing and dropping nothing.
 * Prints one summary line last: `export: 30 days <s> s, 1M rows <t> s, peak rss <m> MB`.
 */
import { loadavg } from "node:os";
import { sql as dsql } from "drizzle-orm";
import postgres from "postgres";
import { arg, freshDatabase } from "./bench-lib";
import { seedCampaign } from "@/test/dashboard-seed";

const ORDERS = arg("orders", 1_000_000);
const CREATORS = arg("creators", 500);
const DAYS = arg("days", 180);
const KEEP = arg("keep", 0) === 1;
const REUSE = process.env.BENCH_EXPORT_DATABASE_URL;

const database = REUSE ? { url: REUSE, drop: async () => {} } : await freshDatabase("tally_bench_export");
process.env.DATABASE_URL = database.url;
process.env.TALLY_BCRYPT_COST = "4";
const { getDb, closeDb, streamRows } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { resolveRange } = await import("@/lib/dashboard/date-range");
const { orderCsv, ORDER_COLUMNS } = await import("@/lib/dashboard/export-csv");
const { creatorSumsFromLedger } = await import("@/lib/dashboard/ledger-sums");
const db = await getDb();
const sql = postgres(database.url, { onnotice: () => {}, max: 2 });

let scope: { workspaceId: string; campaignId: string; currency: string };
try {
  if (REUSE) {
    const [c] = await sql<{ workspace_id: string; campaign_id: string; currency: string }[]>`
      select workspace_id, campaign_id, currency from conversions group by 1, 2, 3 order by count(*) desc limit 1`;
    scope = { workspaceId: c!.workspace_id, campaignId: c!.campaign_id, currency: c!.currency };
    console.log(`Measuring ${database.url.replace(/^.*\//, "")}'s largest campaign (${scope.campaignId}).`);
  } else {
    const { workspace } = await signUpBrand(db, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Export" });
    console.log(`Seeding ${CREATORS} creators and ${ORDERS.toLocaleString("en-US")} orders over ${DAYS} days…`);
    const t0 = performance.now();
    const { campaignId } = await seedCampaign(sql, { workspaceId: workspace.id, prefix: "bench", creators: CREATORS, orders: ORDERS, days: DAYS });
    await sql`vacuum analyze`;
    console.log(`  loaded and analyzed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    scope = { workspaceId: workspace.id, campaignId, currency: "USD" };
  }

  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const rssBefore = process.memoryUsage.rss();

  const now = new Date();
  /** Streams the CSV to nowhere, as a client saving the file would: seconds, lines (without the header), bytes. */
  async function exportOrders(range: ReturnType<typeof resolveRange>) {
    const t0 = performance.now();
    let rows = -1;
    let bytes = 0;
    for await (const chunk of orderCsv(db, { ...scope, range })) {
      bytes += Buffer.byteLength(chunk);
      for (let i = chunk.indexOf("\n"); i !== -1; i = chunk.indexOf("\n", i + 1)) rows++;
    }
    return { seconds: (performance.now() - t0) / 1000, rows, bytes };
  }
  /** Outside the timed runs: the file's net commission equals the ledger's for the range. */
  async function check(label: string, range: ReturnType<typeof resolveRange>) {
    const netCommission = ORDER_COLUMNS.indexOf("net_commission");
    let net = 0;
    let lines = 0;
    for await (const chunk of orderCsv(db, { ...scope, range })) {
      for (const line of chunk.split("\r\n")) {
        if (line && lines++ > 0) net += Math.round(Number(line.split(",")[netCommission]) * 100); // not the header
      }
    }
    const ledger = await creatorSumsFromLedger(db, scope, range);
    const expected = ledger.reduce((s, x) => s + x.commissionCents - x.reversedCommissionCents, 0);
    if (expected !== net) throw new Error(`${label}: the CSV's net commission ${net} differs from the ledger's ${expected}`);
  }

  // Floor: the campaign's conversions through the same cursor and batch size, nothing computed.
  let t0 = performance.now();
  let floorRows = 0;
  for await (const batch of streamRows(db, dsql`select id, order_created_at, order_name, creator_id from conversions where workspace_id = ${scope.workspaceId} and campaign_id = ${scope.campaignId}`, 1000)) floorRows += batch.length;
  const floor = (performance.now() - t0) / 1000;
  console.log(`\nFloor: a bare cursor over the campaign's ${floorRows.toLocaleString("en-US")} conversions ${floor.toFixed(2)} s`);

  const last30 = resolveRange({ range: "30d" }, now);
  const month = await exportOrders(last30);
  console.log(`Orders CSV, last 30 days: ${month.rows.toLocaleString("en-US")} lines, ${(month.bytes / 1048576).toFixed(1)} MB in ${month.seconds.toFixed(2)} s`);
  const all = await exportOrders(resolveRange({ range: "campaign" }, now));
  console.log(`Orders CSV, campaign to date: ${all.rows.toLocaleString("en-US")} lines, ${(all.bytes / 1048576).toFixed(1)} MB in ${all.seconds.toFixed(2)} s`);
  clearInterval(sampler);
  console.log(`Peak RSS ${(peak / 1048576).toFixed(0)} MB (${(rssBefore / 1048576).toFixed(0)} MB before the exports)`);

  t0 = performance.now();
  await check("last 30 days", last30);
  console.log(`  check: the 30-day file's net commission = the ledger's for the range ✓ (${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const rowsLabel = all.rows >= 1_000_000 ? `${(all.rows / 1_000_000).toFixed(all.rows % 1_000_000 ? 2 : 0)}M` : all.rows.toLocaleString("en-US");
  console.log(
    `\nexport: 30 days ${month.seconds.toFixed(2)} s, ${rowsLabel} rows ${all.seconds.toFixed(2)} s, peak rss ${(peak / 1048576).toFixed(0)} MB (floor: cursor ${floor.toFixed(2)} s; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")})`,
  );
} finally {
  await sql.end();
  await closeDb();
  if (KEEP || REUSE) {
    if (!REUSE) console.log(`Kept the database: ${database.url}`);
  } else await database.drop();
}
