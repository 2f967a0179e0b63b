/**
 * Standalone Shopify simulator.
 *
 *   npm run shopify:sim -- [--port 4455] [--host 127.0.0.1] [--app-url http://localhost:3000]
 *                          [--secret shpss_...] [--api-key ...] [--app-topics orders/create,...|all]
 *                          [--webhook-path /api/webhooks/shopify] [--compliance-path /api/webhooks/shopify]
 *                          [--shop demo.myshopify.com [--token shpat_...]] [--retry-delays 1000,2000,4000]
 *                          [--state-file .data/shopify-simulator.json]
 *
 * Logs one line per webhook delivery attempt. See packages/shopify-simulator/README.md for the control API.
 */
import { parseArgs } from "node:util";
import { OffsetClock } from "./clock";
import { persistStore } from "./persist";
import { createShopifySimulator } from "./server";
import { ALL_APP_TOPICS } from "./simulator";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: process.env.SHOPIFY_SIM_PORT ?? "4455" },
    host: { type: "string", default: process.env.SHOPIFY_SIM_HOST ?? "127.0.0.1" },
    "app-url": { type: "string", default: process.env.SHOPIFY_SIM_APP_URL },
    secret: { type: "string", default: process.env.SHOPIFY_API_SECRET ?? "shpss_dev_secret" },
    "api-key": { type: "string", default: process.env.SHOPIFY_API_KEY },
    "app-topics": { type: "string" },
    "webhook-path": { type: "string" },
    "compliance-path": { type: "string" },
    shop: { type: "string" },
    token: { type: "string" },
    "retry-delays": { type: "string" },
    "timeout-ms": { type: "string" },
    "state-file": { type: "string" },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(`Usage: npm run shopify:sim -- [--port 4455] [--app-url http://localhost:3000] [--secret ...]
  --host <addr>             interface to bind (default 127.0.0.1)
  --app-url <url>           the app's origin: compliance webhooks (and --app-topics) go to <url><webhook-path>;
                            webhookSubscriptionCreate subscriptions are delivered to whatever uri they name
  --app-topics <t1,t2|all>  extra app-config (shopify.app.toml-style) topics for every shop, e.g.
                            orders/create,refunds/create ("all" = every topic the simulator emits)
  --secret <secret>         app client secret: signs webhooks and OAuth hmacs (env SHOPIFY_API_SECRET)
  --api-key <key>           app client id; when set, OAuth requests must use it (env SHOPIFY_API_KEY)
  --webhook-path <path>     app webhook route (default /api/webhooks/shopify)
  --compliance-path <path>  compliance webhook route (default /api/webhooks/shopify)
  --shop <domain>           create this shop at startup and print its access token
  --token <token>           access token for --shop (default: random shpat_...)
  --retry-delays <ms,...>   webhook retry schedule (default 1s,2s,4s,...,128s = 8 retries)
  --timeout-ms <ms>         webhook timeout (default 5000)
  --state-file <path>       keep the shops (orders, discount codes, customers, tokens) in this JSON file:
                            loaded at start, saved within a second of each change and on exit
  --quiet                   no per-delivery log lines`);
  process.exit(0);
}

const ts = (): string => new Date().toISOString().slice(11, 23);
const sim = createShopifySimulator({
  appSecret: values.secret,
  apiKey: values["api-key"] ?? null,
  appUrl: values["app-url"] ?? null,
  appTopics:
    values["app-topics"] === "all"
      ? [...ALL_APP_TOPICS]
      : (values["app-topics"]?.split(",").map((t) => t.trim()).filter(Boolean) ?? []),
  webhookPath: values["webhook-path"],
  compliancePath: values["compliance-path"],
  clock: new OffsetClock(),
  webhookRetryDelaysMs: values["retry-delays"] ? values["retry-delays"].split(",").map((x) => Number(x.trim())) : undefined,
  webhookTimeoutMs: values["timeout-ms"] ? Number(values["timeout-ms"]) : undefined,
  log: values.quiet ? undefined : (line) => console.log(`[shopify-sim ${ts()}] webhook ${line}`),
});

const persisted = values["state-file"] ? persistStore(sim.store, values["state-file"], { log: (line) => console.log(`[shopify-sim] ${line}`) }) : null;
if (persisted) console.log(`[shopify-sim] state ${persisted.loaded ? "loaded from" : "kept in"} ${values["state-file"]}${persisted.loaded ? ` (${sim.store.shops.size} shop${sim.store.shops.size === 1 ? "" : "s"})` : ""}`);
const { url, close } = await sim.listen(Number(values.port), values.host);
console.log(`[shopify-sim] listening on ${url}`);
console.log(`[shopify-sim] Admin GraphQL: POST ${url}/admin/api/2026-07/graphql.json (X-Shopify-Access-Token)`);
console.log(`[shopify-sim] control API:   ${url}/_sim/*   OAuth: ${url}/admin/oauth/authorize`);
for (const sub of sim.appSubscriptions()) console.log(`[shopify-sim] app-config webhooks ${sub.topics.join(", ")} -> ${sim.appUrl ?? ""}${sub.uri}`);
console.log("[shopify-sim] subscriptions created with webhookSubscriptionCreate are delivered to their own uri");

if (values.shop) {
  const { shop, token } = sim.createShop({ domain: values.shop, accessToken: values.token });
  console.log(`[shopify-sim] shop ${shop.domain} access token: ${token.token}`);
}

let closing = false;
const shutdown = (): void => {
  if (closing) return;
  closing = true;
  console.log("[shopify-sim] shutting down");
  persisted?.stop();
  void close().then(() => process.exit(0));
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
