import { createShopifySimulator, type ListeningSimulator, type ShopifySimulator } from "@tally/shopify-simulator";
import type { Db } from "@/db/client";
import { connectCustomApp } from "@/lib/shops/connect-shop";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { uniq } from "./factories";

/**
 * An in-process Shopify simulator for integration tests. Call in `beforeAll`, before anything reads
 * the (cached) configuration: it points SHOPIFY_ADMIN_ORIGIN at itself.
 */
export async function startSimulator(options: Parameters<typeof createShopifySimulator>[0] = {}) {
  const sim: ShopifySimulator = createShopifySimulator({ appSecret: process.env.SHOPIFY_API_SECRET, ...options });
  const server: ListeningSimulator = await sim.listen(0);
  process.env.SHOPIFY_ADMIN_ORIGIN = server.url;
  return {
    sim,
    server,
    /** Creates a store in the simulator and connects the workspace to it the custom-app way. */
    async connectStore(db: Db, workspaceId: string, opts: { plan?: "standard" | "advanced" | "plus"; currency?: string } = {}) {
      const domain = `store-${uniq()}.myshopify.com`;
      const { token } = sim.createShop({ domain, name: "Test Store", currency: opts.currency ?? "USD", plan: opts.plan ?? "standard" });
      await connectCustomApp(db, { workspaceId, actorUserId: null, shop: domain, accessToken: token.token });
      return (await getConnectedShop(db, workspaceId))!;
    },
    discountsOf(domain: string) {
      return [...sim.store.requireShop(domain).discounts.values()];
    },
  };
}

/**
 * A minimal HTTP server standing in for the app's webhook route, so that the in-process simulator
 * delivers real signed webhooks into the real intake (`receiveShopifyWebhook`). Sets APP_URL to it:
 * call before anything reads the configuration (and before `startSimulator`).
 */
export async function startWebhookBridge() {
  const http = await import("node:http");
  const { getDb } = await import("@/db/client");
  const { receiveShopifyWebhook } = await import("@/lib/webhooks/receive-shopify-webhook");
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const request = new Request(`http://127.0.0.1${req.url}`, { method: "POST", headers, body: rawBody });
      void getDb()
        .then((db) => receiveShopifyWebhook(db, { rawBody, request }))
        .then((r) => {
          res.writeHead(r.status);
          res.end();
        })
        .catch(() => {
          res.writeHead(503);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  process.env.APP_URL = `http://127.0.0.1:${port}`;
  return { url: process.env.APP_URL, close: () => new Promise<void>((r) => server.close(() => r())) };
}
