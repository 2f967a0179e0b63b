/**
 * `npm run check:faults -- [--orders 2000] [--seed 7] [--port 3218]` (after `npm run build`; not part of `npm test`)
 *
 * Issue 15's fault check, end to end on a production build: a seeded burst of orders with refunds and
 * cancellations placed in the Shopify simulator, whose deliveries are duplicated (some at once),
 * delayed, held back and released in shuffled order (reordered), or dropped; meanwhile the app is
 * killed twice with SIGKILL and restarted (the simulator retries what failed, as Shopify does, on a
 * compressed schedule). Then a reconciliation (Admin API) recovers what never arrived. Every order is
 * compared with an expectation computed from the simulator's own order data (test/campaign-orders.ts
 * `truthOf`: amount, refunded, commission, refunded commission), and the ledger is checked for
 * double pays (an order with two sales or two conversions) and losses (an attributable order without
 * its conversion). Prints `faults: <k>/<n> orders exact; <d> double pays; <l> lost`.
 */
import { arg, freshDatabase, startServer } from "./bench/bench-lib";

const ORDERS = arg("orders", 2000);
const SEED = arg("seed", 7);
const PORT = arg("port", 3218);
const database = await freshDatabase("tally_check_faults");
const APP_URL = `http://127.0.0.1:${PORT}`;
Object.assign(process.env, {
  DATABASE_URL: database.url,
  SHOPIFY_API_SECRET: "shpss_faults_secret",
  SHOPIFY_API_KEY: "faults",
  AUTH_SECRET: "faults-auth-secret-0123456789abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 9).toString("base64"),
  TALLY_BCRYPT_COST: "4",
  TALLY_DISABLE_AUTO_BACKFILL: "1",
  APP_URL,
});
const { startSimulator } = await import("@/test/simulator");
// Shopify retries a failed delivery 8 times over 4 hours; compressed here to about a minute.
const env = await startSimulator({ webhookRetryDelaysMs: [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] });
const { getDb, closeDb, queryRows } = await import("@/db/client");
const { brandWithCodes, truthOf } = await import("@/test/campaign-orders");
const { startReconciliation } = await import("@/lib/sync/start-sync");
const { drainInProcessJobs } = await import("@/lib/jobs/run-in-process");
const { prng } = await import("@/lib/prng");
const { sql } = await import("drizzle-orm");

const db = await getDb();
const setup = await brandWithCodes(db, env, { creators: 8 });
await closeDb();

const serverEnv = {
  DATABASE_URL: database.url,
  SHOPIFY_API_SECRET: process.env.SHOPIFY_API_SECRET!,
  SHOPIFY_API_KEY: "faults",
  SHOPIFY_ADMIN_ORIGIN: process.env.SHOPIFY_ADMIN_ORIGIN!,
  APP_URL,
  AUTH_SECRET: process.env.AUTH_SECRET!,
  ENCRYPTION_KEY: process.env.ENCRYPTION_KEY!,
  TALLY_SKIP_MIGRATE: "1",
  TALLY_DISABLE_AUTO_BACKFILL: "1",
  // Killed workers' claims come back after 5 s instead of 30.
  TALLY_CLAIM_LEASE_SECONDS: "5",
};
let server = await startServer(PORT, serverEnv);
const kills: { at: number; down: number }[] = [];
async function killAndRestart() {
  process.kill(-server.proc.pid!, "SIGKILL");
  const at = performance.now();
  await new Promise((r) => setTimeout(r, 1500)); // down for a moment: deliveries in flight fail, Shopify retries
  server = await startServer(PORT, serverEnv);
  kills.push({ at, down: (performance.now() - at) / 1000 });
}

// The seeded burst. Each action's deliveries get one fault (or none).
const rnd = prng(SEED);
type Plan = { duplicate?: number; concurrent?: boolean; delayMs?: number; hold?: boolean; drop?: boolean };
const faults = { duplicated: 0, delayed: 0, held: 0, dropped: 0, clean: 0 };
function plan(): Plan {
  const r = rnd();
  if (r < 0.05) return (faults.dropped++, { drop: true });
  if (r < 0.2) return (faults.duplicated++, { duplicate: 1 + Math.floor(rnd() * 2), concurrent: rnd() < 0.5 });
  if (r < 0.3) return (faults.delayed++, { delayMs: 200 + Math.floor(rnd() * 3000) });
  if (r < 0.4) return (faults.held++, { hold: true });
  return (faults.clean++, {});
}
const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const orders: Awaited<ReturnType<typeof env.sim.placeOrder>>["order"][] = [];
const t0 = performance.now();
const RATE = 100; // orders placed per second
for (let i = 0; i < ORDERS; i++) {
  const due = t0 + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  if (i === Math.floor(ORDERS / 3) || i === Math.floor((2 * ORDERS) / 3)) await killAndRestart();
  const r = rnd();
  const discountCodes = r < 0.75 ? [pick(setup.codes)] : r < 0.85 ? [setup.storeCode] : [];
  const { order } = env.sim.placeOrder(
    setup.shop.domain,
    {
      lineItems: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ({ title: `Item ${k}`, price: 500 + Math.floor(rnd() * 14_500), quantity: 1 + Math.floor(rnd() * 2) })),
      discountCodes,
      shipping: rnd() < 0.7 ? { price: 595 } : null,
      ...(rnd() < 0.5 ? { taxRate: 0.08 } : {}),
      email: `buyer${i}@shoppers.example`,
    },
    plan(),
  );
  orders.push(order);
  // Refunds and cancellations of earlier orders, during the burst.
  if (i > 20 && rnd() < 0.2) {
    const target = orders[Math.floor(rnd() * (orders.length - 1))]!;
    if (target.cancelledAt !== null) continue;
    const r2 = rnd();
    const refundable = target.lineItems.filter((l) => l.quantity - target.refunds.reduce((s, f) => s + f.lineItems.filter((x) => x.lineItemId === l.id).reduce((q, x) => q + x.quantity, 0), 0) > 0);
    if (r2 < 0.15) env.sim.cancel(setup.shop.domain, target.id, { refund: rnd() < 0.5 }, plan());
    else if (refundable.length > 0) env.sim.refund(setup.shop.domain, target.id, { lineItems: [{ lineItemId: refundable[0]!.id, quantity: 1 }] }, plan());
  }
}
const placedSeconds = (performance.now() - t0) / 1000;

// Held deliveries arrive late, in shuffled order; then everything the simulator will ever send settles.
await env.sim.webhooks.release({ order: "shuffle", seed: SEED, concurrent: true });
await env.sim.webhooks.waitForIdle(300_000);
const postgres = (await import("postgres")).default;
const pg = postgres(database.url, { onnotice: () => {}, max: 1 });
for (;;) {
  const [row] = await pg<{ n: number }[]>`select count(*)::int as n from webhook_deliveries where status in ('received', 'processing') or (status = 'failed' and retry_at is not null)`;
  if (row!.n === 0) break;
  await new Promise((r) => setTimeout(r, 250));
}
const deliveredSeconds = (performance.now() - t0) / 1000;

// Reconciliation: what never arrived (dropped deliveries) is read back from the Admin API.
const app = await getDb();
// A reconciliation the app started itself (its daily one, at boot) may have been killed with it: a run
// whose row has not moved for 15 s after every delivery settled is orphaned, so it is handed off here;
// then one reconciliation over the whole burst, run to completion.
const { resumeStaleSyncRuns } = await import("@/lib/sync/start-sync");
const runsOpen = async () =>
  (await pg<{ n: number }[]>`select count(*)::int as n from sync_runs where workspace_id = ${setup.workspaceId} and status = 'running'`)[0]!.n;
for (let waited = 0; (await runsOpen()) > 0; waited += 250) {
  if (waited % 15_000 === 0 && waited > 0) await resumeStaleSyncRuns(app, { staleMs: 15_000 });
  await drainInProcessJobs();
  await new Promise((r) => setTimeout(r, 250));
}
const reconciliation = await startReconciliation(app, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
await drainInProcessJobs();
const [reconciled] = await pg<{ status: string; counts: unknown }[]>`select status::text, counts from sync_runs where id = ${reconciliation.id}`;
const reconciledSeconds = (performance.now() - t0) / 1000;

// Every order against the simulator's own data.
const truth = truthOf(orders, setup.codes);
const rows = await queryRows<{ order_id: string; conversions: number; sales: number; amount: string; refunded: string; commission: string; refunded_commission: string }>(
  app,
  sql`select c.shopify_order_id::text as order_id, count(*)::int as conversions, sum(s.n)::int as sales,
             sum(c.order_amount_cents)::text as amount, sum(c.refund_amount_cents)::text as refunded,
             sum(c.commission_cents)::text as commission, sum(c.refunded_commission_cents)::text as refunded_commission
      from conversions c cross join lateral (select count(*) as n from ledger_entries e where e.conversion_id = c.id and e.kind = 'sale') s
      where c.workspace_id = ${setup.workspaceId} group by c.shopify_order_id`,
);
const [ledger] = await queryRows<{ entries_net: string; conversions_net: string }>(
  app,
  sql`select (select coalesce(sum(commission_cents), 0) from ledger_entries where workspace_id = ${setup.workspaceId})::text as entries_net,
             (select coalesce(sum(commission_cents - refunded_commission_cents), 0) from conversions where workspace_id = ${setup.workspaceId})::text as conversions_net`,
);
const byOrder = new Map(rows.map((r) => [Number(r.order_id), r]));
let exact = 0;
let doublePays = 0;
let lost = 0;
const wrong: string[] = [];
for (const o of orders) {
  const expected = truth.perOrder.get(o.id);
  const got = byOrder.get(o.id);
  if (got && (got.conversions > 1 || got.sales > 1)) doublePays++;
  if (!expected) {
    if (!got) exact++;
    else if (wrong.length < 10) wrong.push(`#${o.id}: credited without a creator code`);
    continue;
  }
  if (!got) {
    lost++;
    continue;
  }
  const same =
    Number(got.amount) === expected.amount &&
    Number(got.refunded) === expected.refunded &&
    Number(got.commission) === expected.commission &&
    Number(got.refunded_commission) === expected.refundedCommission;
  if (same && got.conversions === 1 && got.sales === 1) exact++;
  else if (wrong.length < 10) wrong.push(`#${o.id}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
}
const [counts] = await pg<{ deliveries: number; duplicates: number; failed: number }[]>`
  select count(*)::int as deliveries, (select count(*)::int from (select 1 from webhook_deliveries group by shop_domain, webhook_id having count(*) > 1) d) as duplicates,
         count(*) filter (where status = 'failed')::int as failed from webhook_deliveries`;
const simDeliveries = env.sim.webhooks.list().length;
await pg.end();
server.stop();
await closeDb();
await env.server.close();
await database.drop();

console.log(`
check:faults — ${ORDERS} orders (seed ${SEED}) placed at ${RATE}/s in ${placedSeconds.toFixed(1)} s with ${truth.refunds} refunds and ${orders.filter((o) => o.cancelledAt !== null).length} cancellations; faults per action: ${JSON.stringify(faults)}
  app killed (SIGKILL) ${kills.length} times, each restarted and answering after ${kills.map((k) => `${k.down.toFixed(1)} s`).join(", ")}
  simulator deliveries ${simDeliveries}; recorded ${counts!.deliveries} (${counts!.duplicates} recorded twice), failed ${counts!.failed}
  all deliveries settled ${deliveredSeconds.toFixed(1)} s after the first order; reconciliation ${reconciled?.status} at ${reconciledSeconds.toFixed(1)} s: ${JSON.stringify(reconciled?.counts)}
  ledger commission ${ledger!.entries_net} = conversions' ${ledger!.conversions_net}: ${ledger!.entries_net === ledger!.conversions_net ? "yes" : "NO"}
${wrong.map((w) => `  ${w}`).join("\n")}
faults: ${exact}/${orders.length} orders exact; ${doublePays} double pays; ${lost} lost`);
process.exit(exact === orders.length && doublePays === 0 && lost === 0 ? 0 : 1);
