/**
 * `npm run bench:intake -- [--n 3000] [--concurrency 16] [--duplicates 0.1] [--rounds 4] [--port 3118] [--bare-port 3318]`
 *
 * Webhook intake against its floor, side by side in the same run: Tally's production build
 * (`next start`, POST /api/webhooks/shopify) and a bare Next.js route belonging to this benchmark
 * (scripts/bench/bare-intake: HMAC over the raw bytes + one idempotent insert into a table like
 * webhook_deliveries, same indexes), both on the same Node and Postgres. Signed `orders/create`
 * deliveries plus a share of exact duplicates (as Shopify's retries send), in alternating rounds so
 * that a change in the machine's load hits both. Tally runs with TALLY_DELIVERY_WORKER=external, so
 * the figure is intake alone; afterwards the delivery worker processes everything, and the bench
 * checks that every acknowledged delivery was recorded once and processed into one order.
 * Prints details, then `intake: tally <n>/s, bare <m>/s, ratio <r>, lost <k>`.
 */
import { spawnSync } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import postgres from "postgres";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";

const N = arg("n", 3000);
const CONCURRENCY = arg("concurrency", 16);
const DUPLICATES = arg("duplicates", 0.1);
const ROUNDS = arg("rounds", 4);
const PORT = arg("port", 3118);
const BARE_PORT = arg("bare-port", 3318);
const SECRET = "shpss_bench_secret";
const DOMAIN = "bench-store.myshopify.com";
const BARE_DIR = "scripts/bench/bare-intake";

ensureBuild();
if (!existsSync(path.join(BARE_DIR, ".next/BUILD_ID"))) {
  console.log("building the bare route (once) …");
  const built = spawnSync("node_modules/.bin/next", ["build", BARE_DIR], { stdio: "inherit" });
  if (built.status !== 0) throw new Error("the bare route did not build");
}
const load0 = loadavg();
const db = await freshDatabase("tally_bench_intake");
process.env.DATABASE_URL = db.url;
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { shops, campaigns, creators, enrollments, discountCodes } = await import("@/db/schema");
const app = await getDb();
const { workspace } = await signUpBrand(app, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench" });
const [shop] = await app.insert(shops).values({ workspaceId: workspace.id, domain: DOMAIN, installKind: "custom_app", status: "connected", currency: "USD" }).returning();
// One live campaign with one creator code, so that every order is attributed when processed.
const [campaign] = await app
  .insert(campaigns)
  .values({ workspaceId: workspace.id, shopId: shop!.id, name: "Bench", startsAt: new Date("2020-01-01"), discountType: "percentage", discountValue: 1000, commissionRateBps: 1500, codeTemplate: "{full_name}-{random_number}", currency: "USD" })
  .returning();
const [creator] = await app.insert(creators).values({ email: `bench-creator-${Date.now()}@example.com`, fullName: "Bench Creator" }).returning();
const [enrollment] = await app.insert(enrollments).values({ workspaceId: workspace.id, campaignId: campaign!.id, creatorId: creator!.id, referralSlug: `bench-${Date.now()}` }).returning();
await app.insert(discountCodes).values({ workspaceId: workspace.id, shopId: shop!.id, campaignId: campaign!.id, enrollmentId: enrollment!.id, creatorId: creator!.id, code: "BENCH15", status: "active" });
await closeDb();

const sql = postgres(db.url, { onnotice: () => {}, max: 2 });
// The bare route's table: webhook_deliveries' columns, defaults, checks and indexes, without Tally's foreign key.
await sql`create table bare_deliveries (like webhook_deliveries including defaults including constraints including indexes)`;

const serverEnv = { DATABASE_URL: db.url, SHOPIFY_API_SECRET: SECRET, AUTH_SECRET: "bench-auth-secret-0123456789abcdef", ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), TALLY_SKIP_MIGRATE: "1", SHOPIFY_API_KEY: "bench" };
const tally = await startServer(PORT, { ...serverEnv, TALLY_DELIVERY_WORKER: "external" });
const bare = await startServer(BARE_PORT, serverEnv, { dir: BARE_DIR, readyPath: "/api/bare", readyMethod: "POST" });
const template = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "orders-create-single-code.json"), "utf8")) as Record<string, unknown>;

type Delivery = { body: string; webhookId: string };
function deliveries(first: number, count: number): Delivery[] {
  const list: Delivery[] = [];
  for (let i = first; i < first + count; i++) {
    const now = new Date().toISOString();
    const body = JSON.stringify({
      ...template,
      id: 7_000_000_000 + i,
      name: `#B${i}`,
      created_at: now,
      updated_at: now,
      discount_codes: [{ code: "bench15", amount: "15.00", type: "percentage" }],
      discount_applications: [{ target_type: "line_item", type: "discount_code", value: "15.0", value_type: "percentage", allocation_method: "across", target_selection: "all", code: "bench15" }],
    });
    list.push({ body, webhookId: randomUUID() });
  }
  const unique = list.length;
  for (let i = 0; i < Math.round(unique * DUPLICATES); i++) list.push(list[Math.floor(Math.random() * unique)]!);
  return list;
}

type Target = { name: string; url: string; latencies: number[]; statuses: Map<number, number>; seconds: number; sent: number; acknowledged: Set<string> };
const targets: Target[] = [
  { name: "tally", url: `${tally.url}/api/webhooks/shopify`, latencies: [], statuses: new Map(), seconds: 0, sent: 0, acknowledged: new Set() },
  { name: "bare", url: `${bare.url}/api/bare`, latencies: [], statuses: new Map(), seconds: 0, sent: 0, acknowledged: new Set() },
];

async function send(target: Target, list: Delivery[], measure: boolean) {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < list.length) {
        const d = list[next++]!;
        const start = performance.now();
        const res = await fetch(target.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-shopify-topic": "orders/create",
            "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(d.body).digest("base64"),
            "x-shopify-shop-domain": DOMAIN,
            "x-shopify-api-version": "2026-07",
            "x-shopify-webhook-id": d.webhookId,
            "x-shopify-triggered-at": new Date().toISOString(),
            "x-shopify-event-id": randomUUID(),
          },
          body: d.body,
        });
        await res.arrayBuffer();
        if (res.status === 200) target.acknowledged.add(d.webhookId);
        if (!measure) continue;
        target.latencies.push(performance.now() - start);
        target.statuses.set(res.status, (target.statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  if (measure) {
    target.seconds += (performance.now() - t0) / 1000;
    target.sent += list.length;
  }
}

// Warm both servers up (JIT, connection pools), then alternate measured rounds.
let orderNo = 0;
for (const t of targets) await send(t, deliveries((orderNo += 300) - 300, 300), false);
const perRound = Math.ceil(N / ROUNDS);
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? targets : [...targets].reverse();
  for (const t of order) await send(t, deliveries((orderNo += perRound) - perRound, perRound), true);
}

// lost: acknowledged by Tally (200) but not recorded.
const ackIds = [...targets[0]!.acknowledged];
const [recordedRow] = await sql<{ recorded: number }[]>`select count(*)::int as recorded from webhook_deliveries where webhook_id = any(${ackIds})`;
const recorded = recordedRow!.recorded;
const lost = ackIds.length - recorded;
const [twiceRow] = await sql<{ n: number }[]>`select count(*)::int as n from (select 1 from webhook_deliveries group by shop_domain, webhook_id having count(*) > 1) d`;
const uniqueRows = twiceRow!.n;

// Processing afterwards: the delivery worker drains what intake recorded.
const total = ackIds.length;
const w0 = performance.now();
const { spawn } = await import("node:child_process");
const worker = spawn("node_modules/.bin/tsx", ["scripts/worker.ts"], { env: { ...process.env, ...serverEnv, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "inherit"], detached: true });
let processed = 0;
const deadline = Date.now() + 600_000;
while (Date.now() < deadline) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_deliveries where status in ('processed', 'failed', 'ignored')`;
  processed = row!.n;
  if (processed >= total) break;
  await new Promise((r) => setTimeout(r, 250));
}
const workerSeconds = (performance.now() - w0) / 1000;
const [counts] = await sql<{ orders: number; failed: number; conversions: number; sales: number }[]>`
  select (select count(*)::int from orders) as orders,
         (select count(*)::int from webhook_deliveries where status = 'failed') as failed,
         (select count(*)::int from conversions) as conversions,
         (select count(*)::int from ledger_entries where kind = 'sale') as sales`;
try {
  process.kill(-worker.pid!, "SIGTERM");
} catch {
  /* gone */
}
await sql.end();
tally.stop();
bare.stop();
await db.drop();
const load1 = loadavg();

const rate = (t: Target) => t.sent / t.seconds;
const [t, b] = targets as [Target, Target];
const lt = summarize(t.latencies);
const lb = summarize(b.latencies);
const statuses = (x: Target) => [...x.statuses].map(([s, n]) => `${s}×${n}`).join(" ");
const ok = lost === 0 && uniqueRows === 0 && counts!.orders === total && counts!.conversions === total && counts!.sales === total && counts!.failed === 0;
console.log(`
bench:intake — ${t.sent} deliveries per target (${Math.round(DUPLICATES * 100)} % exact duplicates) in ${ROUNDS} alternating rounds, concurrency ${CONCURRENCY}, next start + Postgres
  load average          ${load0.map((x) => x.toFixed(2)).join(" ")} at start, ${load1.map((x) => x.toFixed(2)).join(" ")} at end (${(await import("node:os")).cpus().length} cores)
  tally                 ${rate(t).toFixed(0)}/s · p50 ${lt.p50.toFixed(1)} ms · p99 ${lt.p99.toFixed(1)} ms · ${statuses(t)}
  bare route            ${rate(b).toFixed(0)}/s · p50 ${lb.p50.toFixed(1)} ms · p99 ${lb.p99.toFixed(1)} ms · ${statuses(b)}
  recorded              ${recorded} of ${ackIds.length} acknowledged, ${uniqueRows} recorded twice
  processed afterwards  ${processed} deliveries by \`npm run worker\` in ${workerSeconds.toFixed(1)} s (${(processed / workerSeconds).toFixed(0)}/s): orders ${counts!.orders}, conversions ${counts!.conversions}, sale entries ${counts!.sales}, failed ${counts!.failed}${ok ? "" : "  ← NOT EXACT"}
intake: tally ${rate(t).toFixed(0)}/s, bare ${rate(b).toFixed(0)}/s, ratio ${(rate(t) / rate(b)).toFixed(2)}, lost ${lost}`);
process.exit(ok ? 0 : 1);
