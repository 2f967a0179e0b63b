import type { Db } from "@/db/client";
import { connectCustomApp } from "@/lib/shopify/connect-shop";
import { getConnectedShop } from "@/lib/shopify/get-connected-shop";
import { registerWebhooks } from "@/lib/shopify/register-webhooks";
import { SimulatorClient } from "./simulator-client";

export const DEMO_SHOP = { domain: "glow-skincare.myshopify.com", name: "Glow Skincare", token: "shpat_demo_glow_skincare_0001" };

/**
 * Connects the demo workspace to the demo store in the Shopify simulator (the custom-app way) and,
 * the first time, places a few orders there, so they reach Tally through the real webhook path.
 * The simulator keeps its store in memory: on every start the shop is re-created with the same token
 * and Tally's webhook subscriptions are repaired.
 */
export async function seedDemoStore(db: Db, input: { simulatorOrigin: string; workspaceId: string; placeOrders: boolean }) {
  const sim = new SimulatorClient(input.simulatorOrigin);
  await sim.createShop({ domain: DEMO_SHOP.domain, name: DEMO_SHOP.name, currency: "USD", accessToken: DEMO_SHOP.token });
  const existing = await getConnectedShop(db, input.workspaceId);
  if (existing) await registerWebhooks(db, existing);
  else await connectCustomApp(db, { workspaceId: input.workspaceId, actorUserId: null, shop: DEMO_SHOP.domain, accessToken: DEMO_SHOP.token });
  if (!input.placeOrders) return;

  await sim.createDiscount(DEMO_SHOP.domain, { code: "WELCOME10", value_type: "percentage", value: "10", title: "Welcome 10%" });
  await sim.placeOrder(DEMO_SHOP.domain, {
    line_items: [{ title: "Vitamin C Serum", price: "48.00" }, { title: "Daily SPF 50", price: "32.00" }],
    shipping: { price: "5.00", title: "Standard" },
    tax_rate: 0.08,
    email: "ava.shopper@example.com",
    customer: { first_name: "Ava", last_name: "Shopper", email: "ava.shopper@example.com" },
  });
  await sim.placeOrder(DEMO_SHOP.domain, {
    line_items: [{ title: "Hydrating Cleanser", price: "24.00", quantity: 2 }],
    discount_codes: ["WELCOME10"],
    email: "ben.buyer@example.com",
    customer: { first_name: "Ben", last_name: "Buyer", email: "ben.buyer@example.com" },
  });
  const returned = await sim.placeOrder(DEMO_SHOP.domain, {
    line_items: [{ title: "Night Repair Cream", price: "60.00" }, { title: "Lip Balm", price: "9.00" }],
    shipping: { price: "5.00" },
    email: "cleo.customer@example.com",
    customer: { first_name: "Cleo", last_name: "Customer", email: "cleo.customer@example.com" },
  });
  await sim.refund(DEMO_SHOP.domain, returned.order.id, { line_items: [{ index: 0, quantity: 1 }] });
}
