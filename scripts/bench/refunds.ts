/**
 * `npm run bench:refunds -- [--orders 100000] [--creators 500] [--refunds 300] [--rate 20] [--poll 100] [--port 3201]`
 * Loads a workspace with N creators and M attributed orders (bulk SQL), starts `next start`, then sends
 * signed `refunds/create` deliveries (at `rate` per second) and measures, for each, the time from
 * sending the delivery to the refund being visible through `GET /api/v1/conversions?updated_since=`.
 * Prints p50/p99. The API's rate limit is honoured: polling every `--poll` ms (100), and on a 429
 * waiting its Retry-After. A benchmark: it prints figures and checks only correctness.
 */
import { createHmac, randomUUID } from "node:crypto";
import postgres from "postgres";
import { bulkAppendLedgerEntries } from "@/lib/ledger/bulk-append-ledger-entries";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";

const ORDERS = arg("orders", 100_000);
const CREATORS = arg("creators", 500);
const REFUNDS = arg("refunds", 300);
const RATE = arg("rate", 20);
const PORT = arg("port", 3201);
/** How often the API is asked while waiting for a refund: 10 a second stays within its 600 a minute. */
const POLL_MS = arg("poll", 100);
const SECRET = "shpss_bench_secret";
const DOMAIN = "bench-refunds.myshopify.com";

ensureBuild();
const database = await freshDatabase("tally_bench_refunds");
process.env.DATABASE_URL = database.url;
process.env.TALLY_BCRYPT_COST = "4";
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { createApiKey } = await import("@/lib/api-keys/api-keys");
const app = await getDb();
const { workspace } = await signUpBrand(app, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Refunds" });
const { key } = await createApiKey(app, { workspaceId: workspace.id, name: "bench", actor: { kind: "system" } });
await closeDb();

const sql = postgres(database.url, { onnotice: () => {}, max: 4 });
const t0 = performance.now();
const ws = workspace.id;
const [shop] = await sql<{ id: string }[]>`insert into shops (id, workspace_id, domain, install_kind, status, currency) values ('shp_bench', ${ws}, ${DOMAIN}, 'custom_app', 'connected', 'USD') returning id`;
await sql`insert into campaigns (id, workspace_id, shop_id, name, starts_at, discount_type, discount_value, commission_rate_bps, code_template, currency)
  values ('cmp_bench', ${ws}, ${shop!.id}, 'Bench', '2020-01-01', 'percentage', 1000, 1500, '{full_name}', 'USD')`;
await sql`insert into creators (id, email, full_name) select 'cre_bench' || lpad(g::text, 6, '0'), 'creator' || g || '@bench.example', 'Creator ' || g from generate_series(1, ${CREATORS}) g`;
await sql`insert into enrollments (id, workspace_id, campaign_id, creator_id, referral_slug) select 'enr_bench' || lpad(g::text, 6, '0'), ${ws}, 'cmp_bench', 'cre_bench' || lpad(g::text, 6, '0'), 'bench-' || g from generate_series(1, ${CREATORS}) g`;
await sql`insert into discount_codes (id, workspace_id, shop_id, campaign_id, enrollment_id, creator_id, code, status) select 'dsc_bench' || lpad(g::text, 6, '0'), ${ws}, 'shp_bench', 'cmp_bench', 'enr_bench' || lpad(g::text, 6, '0'), 'cre_bench' || lpad(g::text, 6, '0'), 'BENCH' || g, 'active' from generate_series(1, ${CREATORS}) g`;
await sql`insert into orders (id, workspace_id, shop_id, shopify_order_id, name, currency, subtotal_cents, current_subtotal_cents, total_discounts_cents, total_tax_cents, total_price_cents, discount_codes, shopify_created_at, shopify_updated_at, attribution_status)
  select 'ord_bench' || lpad(g::text, 8, '0'), ${ws}, 'shp_bench', 8000000000 + g, '#B' || g, 'USD', 9000, 9000, 1000, 0, 9000, jsonb_build_array('BENCH' || (1 + g % ${CREATORS})), now() - (g || ' seconds')::interval, now() - (g || ' seconds')::interval, 'attributed'
  from generate_series(1, ${ORDERS}) g`;
await sql`insert into conversions (id, workspace_id, shop_id, order_id, shopify_order_id, order_name, order_created_at, campaign_id, creator_id, enrollment_id, code_id, type, code, status, currency, commission_rate_bps, order_amount_cents, commission_cents, explanation, created_at, updated_at)
  select 'cnv_bench' || lpad(g::text, 8, '0'), ${ws}, 'shp_bench', 'ord_bench' || lpad(g::text, 8, '0'), 8000000000 + g, '#B' || g, now() - (g || ' seconds')::interval, 'cmp_bench',
         'cre_bench' || lpad((1 + g % ${CREATORS})::text, 6, '0'), 'enr_bench' || lpad((1 + g % ${CREATORS})::text, 6, '0'), 'dsc_bench' || lpad((1 + g % ${CREATORS})::text, 6, '0'),
         'coupon', 'BENCH' || (1 + g % ${CREATORS}), 'approved', 'USD', 1500, 0, 0, '{"summary":"bench"}'::jsonb, now() - interval '1 day', now() - interval '1 day'
  from generate_series(1, ${ORDERS}) g`;
// The sales, through lib/ledger's bulk append (it moves the conversions' totals with them).
await bulkAppendLedgerEntries(
  sql,
  sql`select 'led_bench' || lpad(g::text, 8, '0'), ${ws}, 'cnv_bench' || lpad(g::text, 8, '0'), 'sale'::ledger_entry_kind, 9000, 1350, 'USD', 'sale', now() - (g || ' seconds')::interval from generate_series(1, ${ORDERS}) g`,
);
await sql`update conversions set updated_at = now() - interval '1 day' where workspace_id = ${ws}`;
await sql`analyze`;
const loadSeconds = (performance.now() - t0) / 1000;

const server = await startServer(PORT, { DATABASE_URL: database.url, SHOPIFY_API_SECRET: SECRET, AUTH_SECRET: "bench-auth-secret-0123456789abcdef", ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), TALLY_SKIP_MIGRATE: "1", SHOPIFY_API_KEY: "bench" });

let throttled = 0;
/**
 * Whether the API shows the refund yet. The API limits each key (600 requests a minute); a 429 says
 * how long to wait in `Retry-After`, and the bench waits that long, as a well-behaved client does.
 */
async function refundVisible(orderId: number, since: string): Promise<boolean> {
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/conversions?updated_since=${encodeURIComponent(since)}&limit=200`, { headers: { authorization: `Bearer ${key}` } });
    if (res.status === 429) {
      throttled++;
      await res.arrayBuffer();
      const seconds = Number(res.headers.get("retry-after") ?? "1");
      await new Promise((r) => setTimeout(r, (Number.isFinite(seconds) && seconds > 0 ? seconds : 1) * 1000));
      continue;
    }
    if (!res.ok) throw new Error(`GET /api/v1/conversions answered ${res.status}`);
    const body = (await res.json()) as { data: { order_id: string; refund_amount: number }[] };
    return body.data.some((c) => c.order_id === String(orderId) && c.refund_amount > 0);
  }
}

const delays: number[] = [];
let failures = 0;
for (let i = 0; i < REFUNDS; i++) {
  const orderId = 8000000000 + 1 + Math.floor((i * ORDERS) / REFUNDS);
  const body = JSON.stringify({
    id: 9_100_000 + i,
    order_id: orderId,
    created_at: new Date().toISOString(),
    note: "bench",
    refund_line_items: [{ quantity: 1, subtotal_set: { shop_money: { amount: "30.00", currency_code: "USD" } }, total_tax_set: { shop_money: { amount: "0.00", currency_code: "USD" } } }],
    refund_shipping_lines: [],
    order_adjustments: [],
  });
  const since = new Date(Date.now() - 1000).toISOString();
  const start = performance.now();
  await fetch(`${server.url}/api/webhooks/shopify`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-shopify-topic": "refunds/create",
      "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
      "x-shopify-shop-domain": DOMAIN,
      "x-shopify-api-version": "2026-07",
      "x-shopify-webhook-id": randomUUID(),
      "x-shopify-triggered-at": new Date().toISOString(),
    },
    body,
  });
  let seen = false;
  while (performance.now() - start < 10_000) {
    if (await refundVisible(orderId, since)) {
      seen = true;
      break;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  if (seen) delays.push(performance.now() - start);
  else failures++;
  const wait = 1000 / RATE - (performance.now() - start);
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
}
const [check] = await sql<{ refunded: number; reversed: number }[]>`select count(*) filter (where refund_amount_cents = 3000)::int as refunded, count(*) filter (where refunded_commission_cents = 450)::int as reversed from conversions`;
await sql.end();
server.stop();
await database.drop();

const d = summarize(delays);
console.log(`
bench:refunds — ${CREATORS} creators, ${ORDERS.toLocaleString("en-US")} attributed orders (loaded in ${loadSeconds.toFixed(1)} s), ${REFUNDS} refunds at ${RATE}/s, next start + Postgres, in-process jobs
  delivery sent → refund visible in GET /api/v1/conversions   p50 ${d.p50.toFixed(0)} ms · p95 ${d.p95.toFixed(0)} ms · p99 ${d.p99.toFixed(0)} ms · max ${d.max.toFixed(0)} ms
  refunds not visible within 10 s                              ${failures}
  API answers 429 (waited Retry-After)                         ${throttled} (polling every ${POLL_MS} ms)
  reversals correct (30.00 of 90.00 → 4.50 of 13.50 commission) ${check!.refunded}/${REFUNDS} amounts, ${check!.reversed}/${REFUNDS} commissions`);
process.exit(failures === 0 && check!.refunded === REFUNDS && check!.reversed === REFUNDS ? 0 : 1);
