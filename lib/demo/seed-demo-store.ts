import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { connectCustomApp } from "@/lib/shops/connect-shop";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { registerWebhooks } from "@/lib/shops/register-webhooks";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { DEMO_CREATOR } from "./demo-accounts";
import { SimulatorClient } from "./simulator-client";
import { setDeclaredDomains } from "@/lib/workspaces/declared-domains";

/** The demo brand's own storefront (a reserved example domain). */
const DEMO_STOREFRONT = "glowskincare.example";

export const DEMO_SHOP = { domain: "glow-skincare.myshopify.com", name: "Glow Skincare", token: "shpat_demo_glow_skincare_0001" };

/**
 * Connects the demo workspace to the demo store in the Shopify simulator (the custom-app way) and,
 * the first time, runs a campaign whose creator codes are pushed to the store, then places orders
 * there — with and without creator codes, one refunded, and one of each order that does not simply
 * earn (test, gift card, unpaid then paid, voided) — so they reach Tally through the real
 * webhook path.
 * The simulator keeps its store in memory: on every start the shop is re-created with the same token
 * and Tally's webhook subscriptions are repaired.
 */
export async function seedDemoStore(db: Db, input: { simulatorOrigin: string; workspaceId: string }) {
  const sim = new SimulatorClient(input.simulatorOrigin);
  // The simulator keeps its store in memory: re-create it only when it is not there (a fresh simulator).
  if (!(await sim.hasShop(DEMO_SHOP.domain))) {
    await sim.createShop({ domain: DEMO_SHOP.domain, name: DEMO_SHOP.name, currency: "USD", accessToken: DEMO_SHOP.token });
  }
  const existing = await getConnectedShop(db, input.workspaceId);
  if (existing) await registerWebhooks(db, existing);
  else await connectCustomApp(db, { workspaceId: input.workspaceId, actorUserId: null, shop: DEMO_SHOP.domain, accessToken: DEMO_SHOP.token });
  // The campaign and its orders are seeded once: a demo workspace with a campaign is already seeded.
  const [existingCampaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.workspaceId, input.workspaceId)).limit(1);
  if (existingCampaign) return;

  // The brand's own storefront domain (Settings → Storefront domains), where the campaign's
  // referral links land; Tally accepts landing pages only there and on the store's domain.
  await setDeclaredDomains(db, { workspaceId: input.workspaceId, actor: { kind: "system", id: "demo" }, domains: [DEMO_STOREFRONT] });

  // A live campaign: the demo creator and two more, each with a code pushed to the store.
  const campaign = await createCampaign(db, {
    workspaceId: input.workspaceId,
    actor: { kind: "system", id: "demo" },
    campaign: ZCreateCampaign.parse({
      name: "Glow Launch",
      starts_at: new Date(Date.now() - 7 * 86_400_000).toISOString(),
      ends_at: new Date(Date.now() + 60 * 86_400_000).toISOString(),
      discount: { type: "percentage", value: 10 },
      commission_rate_bps: 1500,
      landing_url: `https://shop.${DEMO_STOREFRONT}/collections/glow-launch`,
    }),
  });
  const { results } = await addCreatorsToCampaign(db, {
    workspaceId: input.workspaceId,
    campaignId: campaign.id,
    actor: { kind: "system", id: "demo" },
    invitedByUserId: null,
    rows: [
      { email: DEMO_CREATOR.email, full_name: DEMO_CREATOR.fullName, handle: DEMO_CREATOR.handle },
      { email: "mia.makeup@example.com", full_name: "Mia Makeup", handle: "miamakeup" },
      { email: "theo.skin@example.com", full_name: "Théo Skin", handle: "theoskin" },
    ],
  });
  await drainInProcessJobs(); // codes are now live in the store
  const codes = results.flatMap((r) => (r.ok ? [r.code] : []));
  const [camila, mia] = codes;

  await sim.createDiscount(DEMO_SHOP.domain, { code: "WELCOME10", value_type: "percentage", value: "10", title: "Welcome 10%" });
  if (camila) {
    await sim.placeOrder(DEMO_SHOP.domain, {
      line_items: [{ title: "Glow Serum", price: "100.00" }],
      discount_codes: [camila.toLowerCase()],
      shipping: { price: "5.00" },
      tax_rate: 0.08,
      email: "dana.devotee@example.com",
      customer: { first_name: "Dana", last_name: "Devotee", email: "dana.devotee@example.com" },
    });
  }
  if (mia) {
    const returned = await sim.placeOrder(DEMO_SHOP.domain, {
      line_items: [{ title: "Eye Palette", price: "54.00" }, { title: "Brush Set", price: "26.00" }],
      discount_codes: [mia],
      email: "eli.shopper@example.com",
      customer: { first_name: "Eli", last_name: "Shopper", email: "eli.shopper@example.com" },
    });
    await sim.refund(DEMO_SHOP.domain, returned.order.id, { line_items: [{ index: 1, quantity: 1 }] });
  }
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
  if (camila && mia) await seedWhichOrdersEarn(sim, { camila, mia });
  await seedSalesHistory(sim, codes);
}

/**
 * One of each order that does not simply earn, with creator codes (the order page says why):
 * a test order (Bogus Gateway: no conversion), a gift card beside a product (the gift card is left
 * out of the commission), an order paid on delivery (awaiting payment, then paid: it earns), and an
 * authorized payment voided then cancelled (nothing earned), plus one still awaiting payment.
 */
async function seedWhichOrdersEarn(sim: SimulatorClient, codes: { camila: string; mia: string }) {
  const buyer = (first: string) => ({ email: `${first.toLowerCase()}.demo@example.com`, customer: { first_name: first, last_name: "Demo", email: `${first.toLowerCase()}.demo@example.com` } });
  await sim.placeOrder(DEMO_SHOP.domain, { line_items: [{ title: "Glow Serum", price: "100.00" }], discount_codes: [codes.camila], test: true, ...buyer("Tess") });
  await sim.placeOrder(DEMO_SHOP.domain, {
    line_items: [{ title: "Night Repair Cream", price: "60.00" }, { title: "Glow Gift Card", price: "50.00", gift_card: true }],
    discount_codes: [codes.camila],
    ...buyer("Gia"),
  });
  const cod = await sim.placeOrder(DEMO_SHOP.domain, { line_items: [{ title: "Vitamin C Serum", price: "48.00" }], discount_codes: [codes.mia], financial_status: "pending", gateway: "Cash on Delivery (COD)", ...buyer("Paz") });
  await sim.markPaid(DEMO_SHOP.domain, cod.order.id);
  const voided = await sim.placeOrder(DEMO_SHOP.domain, { line_items: [{ title: "Eye Palette", price: "54.00" }], discount_codes: [codes.mia], financial_status: "authorized", ...buyer("Vic") });
  await sim.voidPayment(DEMO_SHOP.domain, voided.order.id);
  await sim.cancel(DEMO_SHOP.domain, voided.order.id, { reason: "declined" });
  await sim.placeOrder(DEMO_SHOP.domain, { line_items: [{ title: "Daily SPF 50", price: "32.00" }], discount_codes: [codes.camila], financial_status: "pending", gateway: "Bank Deposit", ...buyer("Bea") });
}

const PRODUCTS = [
  { title: "Glow Serum", price: "100.00" },
  { title: "Vitamin C Serum", price: "48.00" },
  { title: "Night Repair Cream", price: "60.00" },
  { title: "Eye Palette", price: "54.00" },
  { title: "Daily SPF 50", price: "32.00" },
  { title: "Lip Balm", price: "9.00" },
] as const;

/**
 * A week of creator sales for the campaign dashboard's chart: 30 orders over the campaign's first
 * days (placed in the simulator with past `created_at`, delivered through the real webhooks), the
 * demo creator selling most, every seventh order partly returned.
 */
async function seedSalesHistory(sim: SimulatorClient, codes: string[]) {
  if (codes.length === 0) return;
  const now = Date.now();
  for (let i = 0; i < 30; i++) {
    const code = codes[i % 5 === 4 ? 2 : i % 3 === 2 ? 1 : 0]!;
    const items = [PRODUCTS[i % PRODUCTS.length]!, ...(i % 4 === 0 ? [PRODUCTS[(i + 2) % PRODUCTS.length]!] : [])];
    const placed = await sim.placeOrder(DEMO_SHOP.domain, {
      line_items: items.map((p) => ({ ...p, quantity: 1 + (i % 2) })),
      discount_codes: [code],
      shipping: { price: "5.00" },
      tax_rate: 0.08,
      email: `shopper${i}@example.com`,
      customer: { first_name: "Shopper", last_name: String(i + 1), email: `shopper${i}@example.com` },
      created_at: new Date(now - (6.5 - (i / 30) * 6.3) * 86_400_000).toISOString(),
    });
    if (i % 7 === 3) await sim.refund(DEMO_SHOP.domain, placed.order.id, { line_items: [{ index: 0, quantity: 1 }] });
  }
}
