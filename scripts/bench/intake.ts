/**
 * `npm run bench:intake -- [--n 2000] [--concurrency 10] [--duplicates 0.1] [--port 3200]`
 * N signed `orders/create` deliveries (plus a share of exact duplicates, as Shopify retries send)
 * at a given concurrency against `next start` + a fresh Postgres database. Prints deliveries/s,
 * p50/p99 latency of the 200, the time until every delivery is processed, and checks that every
 * delivery is recorded exactly once and every order once. Every order carries a creator code, so it
 * also prints attributed orders/s end to end and the delay from delivery received to conversion
 * committed. A benchmark: it prints figures, it asserts only correctness.
 */
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import postgres from "postgres";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";

const N = arg("n", 2000);
const CONCURRENCY = arg("concurrency", 10);
const DUPLICATES = arg("duplicates", 0.1);
const PORT = arg("port", 3200);
const SECRET = "shpss_bench_secret";
const DOMAIN = "bench-store.myshopify.com";

ensureBuild();
const db = await freshDatabase("tally_bench_intake");
process.env.DATABASE_URL = db.url;
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { shops, campaigns, creators, enrollments, discountCodes } = await import("@/db/schema");
const app = await getDb();
const { workspace } = await signUpBrand(app, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench" });
const [shop] = await app.insert(shops).values({ workspaceId: workspace.id, domain: DOMAIN, installKind: "custom_app", status: "connected", currency: "USD" }).returning();
// One live campaign with one creator code, so that every order is attributed.
const [campaign] = await app
  .insert(campaigns)
  .values({ workspaceId: workspace.id, shopId: shop!.id, name: "Bench", startsAt: new Date("2020-01-01"), discountType: "percentage", discountValue: 1000, commissionRateBps: 1500, codeTemplate: "{full_name}-{random_number}", currency: "USD" })
  .returning();
const [creator] = await app.insert(creators).values({ email: `bench-creator-${Date.now()}@example.com`, fullName: "Bench Creator" }).returning();
const [enrollment] = await app.insert(enrollments).values({ workspaceId: workspace.id, campaignId: campaign!.id, creatorId: creator!.id, referralSlug: `bench-${Date.now()}` }).returning();
await app.insert(discountCodes).values({ workspaceId: workspace.id, shopId: shop!.id, campaignId: campaign!.id, enrollmentId: enrollment!.id, creatorId: creator!.id, code: "BENCH15", status: "active" });
await closeDb();

const server = await startServer(PORT, { DATABASE_URL: db.url, SHOPIFY_API_SECRET: SECRET, AUTH_SECRET: "bench-auth-secret-0123456789abcdef", ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), TALLY_SKIP_MIGRATE: "1", SHOPIFY_API_KEY: "bench" });
const template = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "orders-create-single-code.json"), "utf8")) as Record<string, unknown>;

type Job = { body: string; webhookId: string };
const jobs: Job[] = [];
for (let i = 0; i < N; i++) {
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
  jobs.push({ body, webhookId: randomUUID() });
}
const dupes = Math.round(N * DUPLICATES);
for (let i = 0; i < dupes; i++) jobs.push(jobs[Math.floor(Math.random() * N)]!);

const latencies: number[] = [];
const statuses = new Map<number, number>();
let next = 0;
const t0 = performance.now();
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const start = performance.now();
      const res = await fetch(`${server.url}/api/webhooks/shopify`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-shopify-topic": "orders/create",
          "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(job.body).digest("base64"),
          "x-shopify-shop-domain": DOMAIN,
          "x-shopify-api-version": "2026-07",
          "x-shopify-webhook-id": job.webhookId,
          "x-shopify-triggered-at": new Date().toISOString(),
          "x-shopify-event-id": randomUUID(),
        },
        body: job.body,
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - start);
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  }),
);
const intakeSeconds = (performance.now() - t0) / 1000;

const sql = postgres(db.url, { onnotice: () => {}, max: 2 });
let processed = 0;
const deadline = Date.now() + 300_000;
while (Date.now() < deadline) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_deliveries where status = 'processed'`;
  processed = row!.n;
  if (processed >= N) break;
  await new Promise((r) => setTimeout(r, 100));
}
const processedSeconds = (performance.now() - t0) / 1000;
const [counts] = await sql<{ deliveries: number; distinct_ids: number; orders: number; failed: number; conversions: number; sales: number }[]>`
  select (select count(*)::int from webhook_deliveries) as deliveries,
         (select count(distinct webhook_id)::int from webhook_deliveries) as distinct_ids,
         (select count(*)::int from orders) as orders,
         (select count(*)::int from webhook_deliveries where status = 'failed') as failed,
         (select count(*)::int from conversions) as conversions,
         (select count(*)::int from ledger_entries where kind = 'sale') as sales`;
// Delivery received → conversion committed, per order (both stamped by Postgres).
const delays = (
  await sql<{ ms: number }[]>`
    select extract(epoch from (c.created_at - d.received_at)) * 1000 as ms
    from conversions c
    join orders o on o.id = c.order_id
    join webhook_deliveries d on d.shop_domain = ${DOMAIN} and d.topic = 'orders/create' and (d.raw_body::jsonb ->> 'id')::bigint = o.shopify_order_id`
).map((r) => Number(r.ms));
const [span] = await sql<{ s: number }[]>`select extract(epoch from (max(c.created_at) - (select min(received_at) from webhook_deliveries))) as s from conversions c`;
await sql.end();
server.stop();
await db.drop();

const lat = summarize(latencies);
const delay = summarize(delays);
const ok = counts!.deliveries === N && counts!.distinct_ids === N && counts!.orders === N && counts!.failed === 0 && counts!.conversions === N && counts!.sales === N;
console.log(`
bench:intake — ${N} unique orders/create deliveries + ${dupes} duplicates, concurrency ${CONCURRENCY}, next start + Postgres, in-process jobs
  HTTP statuses         ${[...statuses].map(([s, n]) => `${s}×${n}`).join(" ")}
  intake                ${(jobs.length / intakeSeconds).toFixed(0)} deliveries/s (${intakeSeconds.toFixed(2)} s)
  latency (200)         p50 ${lat.p50.toFixed(1)} ms · p95 ${lat.p95.toFixed(1)} ms · p99 ${lat.p99.toFixed(1)} ms · max ${lat.max.toFixed(1)} ms
  all processed after   ${processedSeconds.toFixed(2)} s (${(N / processedSeconds).toFixed(0)} orders/s end to end)
  attributed            ${(N / Number(span!.s)).toFixed(0)} orders/s end to end (first delivery received → last conversion committed: ${Number(span!.s).toFixed(2)} s)
  delivery → conversion p50 ${delay.p50.toFixed(0)} ms · p95 ${delay.p95.toFixed(0)} ms · p99 ${delay.p99.toFixed(0)} ms · max ${delay.max.toFixed(0)} ms
  recorded exactly once ${ok ? "yes" : "NO"} (deliveries ${counts!.deliveries}, distinct webhook ids ${counts!.distinct_ids}, orders ${counts!.orders}, conversions ${counts!.conversions}, sale entries ${counts!.sales}, failed ${counts!.failed})`);
process.exit(ok ? 0 : 1);
