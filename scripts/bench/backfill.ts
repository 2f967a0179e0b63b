/**
 * `npm run bench:backfill -- [--orders 2000] [--plan standard]` (also run by `npm run bench:refunds`)
 * Places N orders over 90 days in the Shopify simulator whose webhooks never arrive, then backfills
 * them through the real job (Admin GraphQL `orders`, date windows, cursor pages, throttling) and prints
 * the time against Shopify's rate-limit floor (total query cost ÷ restore rate).
 */
import { arg, freshDatabase } from "./bench-lib";

const N = arg("orders", 2000);
const plan = (process.argv.includes("--plan") ? process.argv[process.argv.indexOf("--plan") + 1] : "standard") as "standard" | "advanced" | "plus";
const database = await freshDatabase("tally_bench_backfill");
Object.assign(process.env, {
  DATABASE_URL: database.url,
  SHOPIFY_API_SECRET: "shpss_bench_secret",
  AUTH_SECRET: "bench-auth-secret-0123456789abcdef",
  ENCRYPTION_KEY: Buffer.alloc(32, 5).toString("base64"),
  TALLY_BCRYPT_COST: "4",
  TALLY_DISABLE_AUTO_BACKFILL: "1",
});
const { startSimulator } = await import("@/test/simulator");
const env = await startSimulator();
const { getDb, closeDb } = await import("@/db/client");
const { brandWithCodes, placeOrders } = await import("@/test/campaign-orders");
const { startBackfill } = await import("@/lib/sync/start-sync");
const { drainInProcessJobs } = await import("@/lib/jobs/run-in-process");
const { PLAN_LIMITS } = await import("@tally/shopify-simulator");
const { syncRuns } = await import("@/db/schema");
const { eq } = await import("drizzle-orm");

const db = await getDb();
const setup = await brandWithCodes(db, env, { plan });
placeOrders(env.sim, setup, { count: N, deliver: () => false, deliverRefund: () => false });
let cost = 0;
let requests = 0;
const original = env.sim.graphqlForToken.bind(env.sim);
env.sim.graphqlForToken = async (token, request) => {
  const res = await original(token, request);
  requests++;
  cost += (res.body as { extensions?: { cost?: { actualQueryCost?: number } } }).extensions?.cost?.actualQueryCost ?? 0;
  return res;
};
const t0 = performance.now();
const run = await startBackfill(db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
await drainInProcessJobs();
const seconds = (performance.now() - t0) / 1000;
const [done] = await db.select().from(syncRuns).where(eq(syncRuns.id, run.id));
const limits = PLAN_LIMITS[plan];
const floor = cost / limits.restoreRate;
const tight = Math.max(0, cost - limits.maximumAvailable) / limits.restoreRate;
console.log(`
bench:backfill — ${N} orders over 90 days never delivered by webhook, ${plan} plan (bucket ${limits.maximumAvailable}, ${limits.restoreRate}/s)
  backfill status ${done!.status}: ${JSON.stringify(done!.counts)}
  time                                        ${seconds.toFixed(1)} s (${(N / seconds).toFixed(0)} orders/s)
  Admin API requests ${requests}, total cost ${cost} points
  rate-limit floor = cost ÷ restore rate      ${floor.toFixed(1)} s → time / floor = ${(seconds / floor).toFixed(2)}
  floor counting the full bucket at start     ${tight.toFixed(1)} s → time / that floor = ${tight ? (seconds / tight).toFixed(2) : "n/a (fits in the initial bucket)"}`);
await closeDb();
await env.server.close();
await database.drop();
process.exit(done!.status === "completed" ? 0 : 1);
