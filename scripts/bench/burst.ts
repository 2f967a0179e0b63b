/**
 * `npm run bench:burst -- [--orders 2000] [--creators 50] [--refunds 40] [--sustained-seconds 20] [--concurrency 16] [--port 3118]`
 *
 * Processing under a flash sale, on a production build (`next start`, the delivery worker in the app
 * as shipped) and a fresh Postgres database:
 * 1. sustained: orders at 25/s for `sustained-seconds`, each one's delivery → conversion visible;
 * 2. burst: `orders` signed orders/create deliveries as fast as intake takes them, while `refunds`
 *    refunds of earlier orders arrive spread over the burst; each refund's delivery → reversal visible,
 *    each order's delivery → conversion visible, and how long after the last delivery the burst is
 *    fully visible (drained).
 * "Visible" is when a watcher polling the database (every 50 ms, as the API and dashboard read it)
 * first sees the row: the figures include up to 50 ms of polling. Prints details, then
 * `burst: <n> orders, drained <s> s after last delivery, delivery→visible p50 <a> ms p99 <b> ms; refunds during burst p99 <c> ms; sustained 25/s p99 <d> ms`.
 */
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import postgres from "postgres";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";

const ORDERS = arg("orders", 2000);
const CREATORS = arg("creators", 50);
const REFUNDS = arg("refunds", 40);
const SUSTAINED_SECONDS = arg("sustained-seconds", 20);
const SUSTAINED_RATE = 25;
const CONCURRENCY = arg("concurrency", 16);
const PORT = arg("port", 3118);
const SECRET = "shpss_bench_secret";
const DOMAIN = "bench-burst.myshopify.com";

ensureBuild();
const load0 = loadavg();
const database = await freshDatabase("tally_bench_burst");
process.env.DATABASE_URL = database.url;
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const app = await getDb();
const { workspace } = await signUpBrand(app, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Burst" });
await closeDb();

const sql = postgres(database.url, { onnotice: () => {}, max: 3 });
const ws = workspace.id;
await sql`insert into shops (id, workspace_id, domain, install_kind, status, currency) values ('shp_burst', ${ws}, ${DOMAIN}, 'custom_app', 'connected', 'USD')`;
await sql`insert into campaigns (id, workspace_id, shop_id, name, starts_at, discount_type, discount_value, commission_rate_bps, code_template, currency)
  values ('cmp_burst', ${ws}, 'shp_burst', 'Flash sale', '2020-01-01', 'percentage', 1500, 1500, '{full_name}', 'USD')`;
await sql`insert into creators (id, email, full_name) select 'cre_burst' || g, 'creator' || g || '@burst.example', 'Creator ' || g from generate_series(1, ${CREATORS}) g`;
await sql`insert into enrollments (id, workspace_id, campaign_id, creator_id, referral_slug) select 'enr_burst' || g, ${ws}, 'cmp_burst', 'cre_burst' || g, 'burst-' || g from generate_series(1, ${CREATORS}) g`;
await sql`insert into discount_codes (id, workspace_id, shop_id, campaign_id, enrollment_id, creator_id, code, status) select 'dsc_burst' || g, ${ws}, 'shp_burst', 'cmp_burst', 'enr_burst' || g, 'cre_burst' || g, 'FLASH' || g, 'active' from generate_series(1, ${CREATORS}) g`;

const server = await startServer(PORT, { DATABASE_URL: database.url, SHOPIFY_API_SECRET: SECRET, AUTH_SECRET: "bench-auth-secret-0123456789abcdef", ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), TALLY_SKIP_MIGRATE: "1", SHOPIFY_API_KEY: "bench" });
const template = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "orders-create-single-code.json"), "utf8")) as Record<string, unknown>;

function orderBody(n: number) {
  const code = `flash${1 + (n % CREATORS)}`;
  const now = new Date().toISOString();
  return JSON.stringify({
    ...template,
    id: 7_000_000_000 + n,
    name: `#F${n}`,
    created_at: now,
    updated_at: now,
    discount_codes: [{ code, amount: "15.00", type: "percentage" }],
    discount_applications: [{ target_type: "line_item", type: "discount_code", value: "15.0", value_type: "percentage", allocation_method: "across", target_selection: "all", code }],
  });
}

function refundBody(n: number) {
  return JSON.stringify({
    id: 9_200_000 + n,
    order_id: 7_000_000_000 + n,
    created_at: new Date().toISOString(),
    note: "bench",
    refund_line_items: [{ quantity: 1, subtotal_set: { shop_money: { amount: "10.00", currency_code: "USD" } }, total_tax_set: { shop_money: { amount: "0.00", currency_code: "USD" } } }],
    refund_shipping_lines: [],
    order_adjustments: [],
  });
}

const sentAt = new Map<string, number>(); // "o:<order id>" / "r:<refund id>" → when its delivery was sent
const seenAt = new Map<string, number>();
let statusCounts = new Map<number, number>();

async function deliver(topic: string, body: string, key: string) {
  sentAt.set(key, performance.now());
  const res = await fetch(`${server.url}/api/webhooks/shopify`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": topic,
      "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
      "x-shopify-shop-domain": DOMAIN,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-triggered-at": new Date().toISOString(),
    },
    body,
  });
  await res.arrayBuffer();
  statusCounts.set(res.status, (statusCounts.get(res.status) ?? 0) + 1);
}

// The watcher: what the API and dashboard can see, as soon as it is committed.
let watching = true;
const watcher = (async () => {
  while (watching) {
    const now = performance.now();
    const conversions = await sql<{ id: string }[]>`select o.shopify_order_id::text as id from conversions c join orders o on o.id = c.order_id where c.workspace_id = ${ws}`;
    for (const c of conversions) if (!seenAt.has(`o:${c.id}`)) seenAt.set(`o:${c.id}`, now);
    const reversals = await sql<{ key: string }[]>`select cause_key as key from ledger_entries where workspace_id = ${ws} and cause_key like 'refund:%'`;
    for (const r of reversals) if (!seenAt.has(`r:${r.key.slice(7)}`)) seenAt.set(`r:${r.key.slice(7)}`, now);
    await new Promise((r) => setTimeout(r, 50));
  }
})();

const waitVisible = async (keys: string[], timeoutMs: number) => {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until && keys.some((k) => !seenAt.has(k))) await new Promise((r) => setTimeout(r, 50));
};
const delaysOf = (keys: string[]) => keys.filter((k) => seenAt.has(k)).map((k) => seenAt.get(k)! - sentAt.get(k)!);

// 1. Sustained 25 orders/s.
const sustainedKeys: string[] = [];
{
  const count = SUSTAINED_SECONDS * SUSTAINED_RATE;
  const t0 = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i++) {
    const due = t0 + (i * 1000) / SUSTAINED_RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sustainedKeys.push(`o:${7_000_000_000 + i}`);
    inFlight.push(deliver("orders/create", orderBody(i), `o:${7_000_000_000 + i}`));
  }
  await Promise.all(inFlight);
  await waitVisible(sustainedKeys, 120_000);
}
const sustainedStatuses = statusCounts;
statusCounts = new Map();

// 2. The burst, with refunds of the sustained phase's orders spread over it.
const first = SUSTAINED_SECONDS * SUSTAINED_RATE;
const burstKeys = Array.from({ length: ORDERS }, (_, i) => `o:${7_000_000_000 + first + i}`);
const refundKeys: string[] = [];
let next = 0;
const b0 = performance.now();
const refundsDone = (async () => {
  for (let k = 0; k < REFUNDS; k++) {
    // Evenly over the burst, by progress: a refund after every ORDERS/REFUNDS orders sent.
    while (next < ((k + 0.5) * ORDERS) / REFUNDS && next < ORDERS) await new Promise((r) => setTimeout(r, 5));
    const n = k % first;
    refundKeys.push(`r:${9_200_000 + n}`);
    await deliver("refunds/create", refundBody(n), `r:${9_200_000 + n}`);
  }
})();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < ORDERS) {
      const i = next++;
      await deliver("orders/create", orderBody(first + i), `o:${7_000_000_000 + first + i}`);
    }
  }),
);
const lastDelivery = performance.now();
await refundsDone;
await waitVisible([...burstKeys, ...refundKeys], 600_000);
const drainedAt = Math.max(...burstKeys.map((k) => seenAt.get(k) ?? Number.POSITIVE_INFINITY));
watching = false;
await watcher;

const [check] = await sql<{ conversions: number; sales: number; reversals: number; failed: number }[]>`
  select (select count(*)::int from conversions where workspace_id = ${ws}) as conversions,
         (select count(*)::int from ledger_entries where workspace_id = ${ws} and kind = 'sale') as sales,
         (select count(*)::int from ledger_entries where workspace_id = ${ws} and cause_key like 'refund:%') as reversals,
         (select count(*)::int from webhook_deliveries where status = 'failed') as failed`;
await sql.end();
server.stop();
await database.drop();
const load1 = loadavg();

const sustained = summarize(delaysOf(sustainedKeys));
const burst = summarize(delaysOf(burstKeys));
const refunds = summarize(delaysOf(refundKeys));
const drained = (drainedAt - lastDelivery) / 1000;
const burstSeconds = (lastDelivery - b0) / 1000;
const missing = [...sustainedKeys, ...burstKeys, ...refundKeys].filter((k) => !seenAt.has(k)).length;
const expectedOrders = first + ORDERS;
const ok = missing === 0 && check!.conversions === expectedOrders && check!.sales === expectedOrders && check!.reversals === REFUNDS && check!.failed === 0;
const statuses = (m: Map<number, number>) => [...m].map(([s, n]) => `${s}×${n}`).join(" ");
console.log(`
bench:burst — ${CREATORS} creators, next start + Postgres, delivery worker in the app (TALLY_WORKER_CONCURRENCY ${process.env.TALLY_WORKER_CONCURRENCY ?? 4} + urgent lane)
  load average          ${load0.map((x) => x.toFixed(2)).join(" ")} at start, ${load1.map((x) => x.toFixed(2)).join(" ")} at end (${cpus().length} cores)
  sustained             ${first} orders at ${SUSTAINED_RATE}/s: delivery → visible p50 ${sustained.p50.toFixed(0)} ms · p95 ${sustained.p95.toFixed(0)} ms · p99 ${sustained.p99.toFixed(0)} ms · max ${sustained.max.toFixed(0)} ms (${statuses(sustainedStatuses)})
  burst                 ${ORDERS} orders sent in ${burstSeconds.toFixed(1)} s (${(ORDERS / burstSeconds).toFixed(0)}/s, concurrency ${CONCURRENCY}): delivery → visible p50 ${burst.p50.toFixed(0)} ms · p95 ${burst.p95.toFixed(0)} ms · p99 ${burst.p99.toFixed(0)} ms · max ${burst.max.toFixed(0)} ms
  refunds during burst  ${REFUNDS}: delivery → reversal visible p50 ${refunds.p50.toFixed(0)} ms · p99 ${refunds.p99.toFixed(0)} ms · max ${refunds.max.toFixed(0)} ms (${statuses(statusCounts)})
  ledger                conversions ${check!.conversions}/${expectedOrders}, sale entries ${check!.sales}, refund reversals ${check!.reversals}/${REFUNDS}, failed deliveries ${check!.failed}, never visible ${missing}${ok ? "" : "  ← NOT EXACT"}
burst: ${ORDERS} orders, drained ${drained.toFixed(1)} s after last delivery, delivery→visible p50 ${burst.p50.toFixed(0)} ms p99 ${burst.p99.toFixed(0)} ms; refunds during burst p99 ${refunds.p99.toFixed(0)} ms; sustained ${SUSTAINED_RATE}/s p99 ${sustained.p99.toFixed(0)} ms`);
process.exit(ok ? 0 : 1);
