/**
 * `npm run bench:restart -- [--backlog 3000] [--rate 10] [--seconds 30] [--port 3218]`
 *
 * Restart under load (issue 15 point 15), measured on a production build: a server is killed with
 * SIGKILL during a burst, leaving `backlog` deliveries recorded but not processed (and some claimed
 * by the dead worker); a new `next start` is spawned at once while signed deliveries keep arriving at
 * `rate`/s, as Shopify keeps sending. Measures, from the spawn: when /api/health first answers, every
 * delivery's time to its acknowledgement (those sent before the server listens wait in the kernel's
 * accept queue or are retried after a refused connection, as Shopify retries), how many took over
 * Shopify's 5 s, and when the backlog has drained. Prints details, then
 * `restart: health <a> s after spawn; intake in the first <n> s p50 <b> ms p99 <c> ms max <d> ms, <k> over 5 s; backlog <m> drained <s> s after spawn`.
 */
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { FIXTURES_DIR } from "@tally/shopify-simulator/fixtures";
import postgres from "postgres";
import { arg, ensureBuild, freshDatabase, startServer, summarize } from "./bench-lib";

const BACKLOG = arg("backlog", 3000);
const RATE = arg("rate", 10);
const SECONDS = arg("seconds", 30);
const PORT = arg("port", 3218);
const SECRET = "shpss_bench_secret";
const DOMAIN = "bench-restart.myshopify.com";

ensureBuild();
const load0 = loadavg();
const database = await freshDatabase("tally_bench_restart");
process.env.DATABASE_URL = database.url;
const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const app = await getDb();
const { workspace } = await signUpBrand(app, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Restart" });
await closeDb();
const sql = postgres(database.url, { onnotice: () => {}, max: 2 });
const ws = workspace.id;
await sql`insert into shops (id, workspace_id, domain, install_kind, status, currency) values ('shp_restart', ${ws}, ${DOMAIN}, 'custom_app', 'connected', 'USD')`;
await sql`insert into campaigns (id, workspace_id, shop_id, name, starts_at, discount_type, discount_value, commission_rate_bps, code_template, currency)
  values ('cmp_restart', ${ws}, 'shp_restart', 'Restart', '2020-01-01', 'percentage', 1500, 1500, '{full_name}', 'USD')`;
await sql`insert into creators (id, email, full_name) select 'cre_restart' || g, 'creator' || g || '@restart.example', 'Creator ' || g from generate_series(1, 20) g`;
await sql`insert into enrollments (id, workspace_id, campaign_id, creator_id, referral_slug) select 'enr_restart' || g, ${ws}, 'cmp_restart', 'cre_restart' || g, 'restart-' || g from generate_series(1, 20) g`;
await sql`insert into discount_codes (id, workspace_id, shop_id, campaign_id, enrollment_id, creator_id, code, status) select 'dsc_restart' || g, ${ws}, 'shp_restart', 'cmp_restart', 'enr_restart' || g, 'cre_restart' || g, 'BACK' || g, 'active' from generate_series(1, 20) g`;

const template = JSON.parse(readFileSync(path.join(FIXTURES_DIR, "orders-create-single-code.json"), "utf8")) as Record<string, unknown>;
function orderBody(n: number) {
  const code = `back${1 + (n % 20)}`;
  const now = new Date().toISOString();
  return JSON.stringify({
    ...template,
    id: 7_500_000_000 + n,
    name: `#R${n}`,
    created_at: now,
    updated_at: now,
    discount_codes: [{ code, amount: "15.00", type: "percentage" }],
    discount_applications: [{ target_type: "line_item", type: "discount_code", value: "15.0", value_type: "percentage", allocation_method: "across", target_selection: "all", code }],
  });
}
function headersFor(body: string) {
  return {
    "content-type": "application/json",
    "x-shopify-topic": "orders/create",
    "x-shopify-hmac-sha256": createHmac("sha256", SECRET).update(body).digest("base64"),
    "x-shopify-shop-domain": DOMAIN,
    "x-shopify-api-version": "2026-07",
    "x-shopify-webhook-id": randomUUID(),
  };
}

const serverEnv = { DATABASE_URL: database.url, SHOPIFY_API_SECRET: SECRET, AUTH_SECRET: "bench-auth-secret-0123456789abcdef", ENCRYPTION_KEY: Buffer.alloc(32, 3).toString("base64"), TALLY_SKIP_MIGRATE: "1", SHOPIFY_API_KEY: "bench" };

// 1. A server takes a burst; it is killed (SIGKILL) while its worker is busy with it.
const first = await startServer(PORT, serverEnv);
let n = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (n < BACKLOG) {
      const body = orderBody(n++);
      await (await fetch(`${first.url}/api/webhooks/shopify`, { method: "POST", headers: headersFor(body), body })).arrayBuffer();
    }
  }),
);
process.kill(-first.proc.pid!, "SIGKILL");
const [before] = await sql<{ received: number; processing: number; processed: number }[]>`
  select count(*) filter (where status = 'received')::int as received, count(*) filter (where status = 'processing')::int as processing,
         count(*) filter (where status = 'processed')::int as processed from webhook_deliveries`;

// 2. Restart at once, while deliveries keep coming at RATE/s.
const t0 = performance.now();
const proc = spawn("node_modules/.bin/next", ["start", "--port", String(PORT)], {
  env: { ...process.env, NODE_ENV: "production", AUTH_TRUST_HOST: "true", ...serverEnv },
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
});
const url = `http://127.0.0.1:${PORT}`;
let healthAt = Number.NaN;
const health = (async () => {
  while (performance.now() - t0 < 180_000) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) {
        healthAt = performance.now() - t0;
        return;
      }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
})();
const acks: number[] = []; // each acknowledged request: sent → 200 (what Shopify's 5 s timeout measures)
const sinceFirst: number[] = []; // from the delivery's first attempt, refused connections included
let refused = 0;
let unacknowledged = 0;
const sends: Promise<void>[] = [];
for (let i = 0; i < RATE * SECONDS; i++) {
  const due = t0 + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const body = orderBody(BACKLOG + i);
  const headers = headersFor(body);
  sends.push(
    (async () => {
      const start = performance.now();
      // Shopify retries a refused connection; so does this client, at once, until 60 s have passed.
      while (performance.now() - start < 60_000) {
        const attempt = performance.now();
        try {
          const res = await fetch(`${url}/api/webhooks/shopify`, { method: "POST", headers, body });
          await res.arrayBuffer();
          if (res.status === 200) {
            acks.push(performance.now() - attempt);
            sinceFirst.push(performance.now() - start);
            return;
          }
        } catch {
          refused++; // not listening yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      unacknowledged++;
    })(),
  );
}
await Promise.all(sends);
await health;
const total = BACKLOG + RATE * SECONDS;
let drainedAt = Number.NaN;
while (performance.now() - t0 < 900_000) {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from webhook_deliveries where status = 'processed'`;
  if (row!.n >= total) {
    drainedAt = performance.now() - t0;
    break;
  }
  await new Promise((r) => setTimeout(r, 250));
}
const [after] = await sql<{ conversions: number; sales: number }[]>`select (select count(*)::int from conversions) as conversions, (select count(*)::int from ledger_entries where kind = 'sale') as sales`;
try {
  process.kill(-proc.pid!, "SIGTERM");
} catch {
  /* gone */
}
await sql.end();
await database.drop();
const load1 = loadavg();
const a = summarize(acks);
const f = summarize(sinceFirst);
const over5 = acks.filter((ms) => ms > 5000).length + unacknowledged;
const ok = after!.conversions === total && after!.sales === total && unacknowledged === 0;
console.log(`
bench:restart — SIGKILL during a burst of ${BACKLOG} orders, then next start at once with ${RATE} deliveries/s arriving for ${SECONDS} s
  load average          ${load0.map((x) => x.toFixed(2)).join(" ")} at start, ${load1.map((x) => x.toFixed(2)).join(" ")} at end (${cpus().length} cores)
  left by the kill      ${before!.received} received, ${before!.processing} claimed by the dead worker, ${before!.processed} processed
  /api/health           first 200 ${(healthAt / 1000).toFixed(1)} s after spawn
  intake after restart  ${acks.length} acknowledged; each request p50 ${a.p50.toFixed(0)} ms · p99 ${a.p99.toFixed(0)} ms · max ${a.max.toFixed(0)} ms; over 5 s: ${over5}
  refused while down    ${refused} connection attempts refused (retried every 50 ms); from a delivery's first attempt to its 200: p50 ${f.p50.toFixed(0)} ms · max ${f.max.toFixed(0)} ms
  backlog               ${total} deliveries processed ${(drainedAt / 1000).toFixed(1)} s after spawn; conversions ${after!.conversions}/${total}, sale entries ${after!.sales}${ok ? "" : "  ← NOT EXACT"}
restart: health ${(healthAt / 1000).toFixed(1)} s after spawn; intake in the first ${SECONDS} s p50 ${a.p50.toFixed(0)} ms p99 ${a.p99.toFixed(0)} ms max ${a.max.toFixed(0)} ms, ${over5} over 5 s; backlog ${total} drained ${(drainedAt / 1000).toFixed(1)} s after spawn`);
process.exit(ok ? 0 : 1);
