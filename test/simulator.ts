import { createShopifySimulator, type ListeningSimulator, type ShopifySimulator } from "@/lib/shopify-simulator";
import type { Db } from "@/db/client";
import { connectCustomApp } from "@/lib/shopify/connect-shop";
import { getConnectedShop } from "@/lib/shopify/get-connected-shop";
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
