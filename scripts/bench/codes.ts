/**
 * `npm run bench:codes -- [--n 500] [--plan standard]`
 * Pushes N creator codes to the Shopify simulator at the plan's throttling (Standard: 2,000-point
 * bucket, 100 points/s) through the real job path, and prints the time against the rate-limit floor:
 * total cost ÷ restore rate (and the tighter floor that counts the initially full bucket).
 */
import { arg, freshDatabase } from "./bench-lib";

const N = arg("n", 500);
const plan = (process.argv.includes("--plan") ? process.argv[process.argv.indexOf("--plan") + 1] : "standard") as "standard" | "advanced" | "plus";

const database = await freshDatabase("tally_bench_codes");
process.env.DATABASE_URL = database.url;
process.env.SHOPIFY_API_SECRET ??= "shpss_bench_secret";
process.env.AUTH_SECRET ??= "bench-auth-secret-0123456789abcdef";
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 5).toString("base64");
process.env.TALLY_BCRYPT_COST = "4";

const { createShopifySimulator } = await import("@tally/shopify-simulator");
const sim = createShopifySimulator({ appSecret: process.env.SHOPIFY_API_SECRET });
const server = await sim.listen(0);
process.env.SHOPIFY_ADMIN_ORIGIN = server.url;

let totalCost = 0;
let requests = 0;
let throttled = 0;
const original = sim.graphqlForToken.bind(sim);
sim.graphqlForToken = async (token, request) => {
  const res = await original(token, request);
  requests++;
  const body = res.body as { errors?: { extensions?: { code?: string } }[]; extensions?: { cost?: { actualQueryCost?: number } } };
  if (body.errors?.some((e) => e.extensions?.code === "THROTTLED")) throttled++;
  totalCost += body.extensions?.cost?.actualQueryCost ?? 0;
  return res;
};

const { getDb, closeDb } = await import("@/db/client");
const { signUpBrand } = await import("@/lib/auth/sign-up");
const { connectCustomApp } = await import("@/lib/shops/connect-shop");
const { createCampaign } = await import("@/lib/campaigns/create-campaign");
const { addCreatorsToCampaign } = await import("@/lib/campaigns/add-creators");
const { codeProgress } = await import("@/lib/campaigns/list-roster");
const { ZCreateCampaign } = await import("@/lib/campaigns/schemas");
const { drainInProcessJobs } = await import("@/lib/jobs/run-in-process");
const { PLAN_LIMITS } = await import("@tally/shopify-simulator");

const db = await getDb();
const { workspace } = await signUpBrand(db, { name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench password 1", workspaceName: "Bench Codes" });
const { token } = sim.createShop({ domain: "bench-codes.myshopify.com", name: "Bench", currency: "USD", plan });
await connectCustomApp(db, { workspaceId: workspace.id, actorUserId: null, shop: "bench-codes.myshopify.com", accessToken: token.token });
const campaign = await createCampaign(db, {
  workspaceId: workspace.id,
  actor: { kind: "system" },
  campaign: ZCreateCampaign.parse({
    name: "Bench",
    starts_at: new Date(Date.now() - 3600_000).toISOString(),
    ends_at: new Date(Date.now() + 86_400_000).toISOString(),
    discount: { type: "percentage", value: 10 },
    commission_rate_bps: 1500,
  }),
});
const rows = Array.from({ length: N }, (_, i) => ({ email: `bench${i}@example.com`, full_name: `Bench Creator ${i}`, handle: `bench${i}` }));
totalCost = 0;
requests = 0;
const t0 = performance.now();
const { added } = await addCreatorsToCampaign(db, { workspaceId: workspace.id, campaignId: campaign.id, actor: { kind: "system" }, invitedByUserId: null, rows });
const tRoster = performance.now();
await drainInProcessJobs();
const seconds = (performance.now() - t0) / 1000;
const pushSeconds = (performance.now() - tRoster) / 1000;
const progress = await codeProgress(db, { workspaceId: workspace.id, campaignId: campaign.id });
const limits = PLAN_LIMITS[plan];
const floor = totalCost / limits.restoreRate;
const tightFloor = Math.max(0, totalCost - limits.maximumAvailable) / limits.restoreRate;

console.log(`
bench:codes — ${N} creators → ${progress.active} active codes (${progress.failed} failed), ${plan} plan (bucket ${limits.maximumAvailable}, ${limits.restoreRate}/s)
  roster insert (codes generated, rows written)  ${((tRoster - t0) / 1000).toFixed(2)} s for ${added} rows
  push to Shopify                                ${pushSeconds.toFixed(2)} s
  total                                          ${seconds.toFixed(2)} s
  Admin API requests                             ${requests} (${throttled} answered THROTTLED), total cost ${totalCost} points
  rate-limit floor = total cost ÷ restore rate   ${floor.toFixed(1)} s   → push time / floor = ${(pushSeconds / floor).toFixed(2)}
  floor counting the full bucket at start        ${tightFloor.toFixed(1)} s   → push time / that floor = ${tightFloor ? (pushSeconds / tightFloor).toFixed(2) : "n/a"}`);

await closeDb();
await server.close();
await database.drop();
process.exit(progress.active === N ? 0 : 1);
