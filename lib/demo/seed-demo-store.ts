import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, enrollments } from "@/db/schema";
import { visitReferralLink } from "@/lib/clicks/visit-referral-link";
import { taggedHeaders } from "@/lib/http/client-address";
import { connectCustomApp } from "@/lib/shops/connect-shop";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { registerWebhooks } from "@/lib/shops/register-webhooks";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { AppError } from "@/lib/errors";
import { DEMO_CREATOR } from "./demo-accounts";
import { SimulatorClient, type SimOrderInput } from "./simulator-client";
import { setDeclaredDomains } from "@/lib/workspaces/declared-domains";

/** The demo brand's own storefront (a reserved example domain). */
const DEMO_STOREFRONT = "glowskincare.example";

export const DEMO_SHOP = { domain: "glow-skincare.myshopify.com", name: "Glow Skincare", token: "shpat_demo_glow_skincare_0001" };

/** The demo's creators beyond the three named ones: "Creator 4" … (`demo:seed --creators N`). */
function demoCreatorRows(count: number) {
  const named = [
    { email: DEMO_CREATOR.email, full_name: DEMO_CREATOR.fullName, handle: DEMO_CREATOR.handle },
    { email: "mia.makeup@example.com", full_name: "Mia Makeup", handle: "miamakeup" },
    { email: "theo.skin@example.com", full_name: "Théo Skin", handle: "theoskin" },
  ];
  const extra = Array.from({ length: Math.max(0, count - named.length) }, (_, i) => ({ email: `creator${i + 4}.demo@example.com`, full_name: `Creator ${i + 4}`, handle: `creator${i + 4}demo` }));
  return [...named.slice(0, count), ...extra];
}

/** A simulator client that remembers the orders it placed (the seeder waits until Tally recorded each). */
class RecordingSimulator extends SimulatorClient {
  readonly placed: number[] = [];
  override async placeOrder(domain: string, order: SimOrderInput) {
    const result = await super.placeOrder(domain, order);
    this.placed.push(result.order.id);
    return result;
  }
}

export type DemoStoreResult = { seeded: boolean; creators: number; orderIds: number[] };

/**
 * Connects the demo workspace to the demo store in the Shopify simulator (the custom-app way) and,
 * the first time, runs a campaign whose creator codes are pushed to the store (`creators`, default 3),
 * then places orders there — with and without creator codes, one refunded, one of each order that
 * does not simply earn (test, gift card, unpaid then paid, voided), and `orders` (default 30) sales
 * over the past week, every seventh partly refunded — so they reach Tally through the real webhook
 * path. `onStep` hears one line per step.
 * The simulator keeps its store in a state file under `npm run dev` (`--state-file`); a simulator
 * started without one has lost it: the shop is re-created with the same token and Tally's webhook
 * subscriptions are repaired.
 */
export async function seedDemoStore(
  db: Db,
  input: { simulatorOrigin: string; workspaceId: string; creators?: number; orders?: number; onStep?: (line: string) => void },
): Promise<DemoStoreResult> {
  const step = input.onStep ?? (() => {});
  const creatorCount = input.creators ?? 3;
  const orderCount = input.orders ?? 30;
  if (!Number.isInteger(creatorCount) || creatorCount < 1 || creatorCount > 500) throw new AppError("validation_failed", "--creators is a whole number from 1 to 500.");
  if (!Number.isInteger(orderCount) || orderCount < 0 || orderCount > 5000) throw new AppError("validation_failed", "--orders is a whole number from 0 to 5000.");
  const sim = new RecordingSimulator(input.simulatorOrigin);
  const [existingCampaign] = await db.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.workspaceId, input.workspaceId)).limit(1);
  // A simulator started without its state file has forgotten the store: re-create it (same token).
  if (!(await sim.hasShop(DEMO_SHOP.domain))) {
    await sim.createShop({ domain: DEMO_SHOP.domain, name: DEMO_SHOP.name, currency: "USD", accessToken: DEMO_SHOP.token });
    if (existingCampaign) step(`the simulator had forgotten ${DEMO_SHOP.domain} (no state file): re-created it, but the demo's codes are not in it. Remove .data (or use a fresh database) to start the demo over.`);
  }
  const existing = await getConnectedShop(db, input.workspaceId);
  if (existing) await registerWebhooks(db, existing);
  else await connectCustomApp(db, { workspaceId: input.workspaceId, actorUserId: null, shop: DEMO_SHOP.domain, accessToken: DEMO_SHOP.token });
  step(`store ${DEMO_SHOP.domain} connected (webhooks registered)`);
  // The campaign and its orders are seeded once: a demo workspace with a campaign is already seeded.
  if (existingCampaign) {
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(enrollments).where(eq(enrollments.campaignId, existingCampaign.id));
    step("campaign, creators and orders already seeded: nothing placed again");
    return { seeded: false, creators: row?.n ?? 0, orderIds: [] };
  }

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
    rows: demoCreatorRows(creatorCount),
  });
  await drainInProcessJobs(); // codes are now live in the store
  const codes = results.flatMap((r) => (r.ok ? [r.code] : []));
  const [camila, mia] = codes;
  step(`campaign "Glow Launch" with ${codes.length} creator${codes.length === 1 ? "" : "s"}; their codes are live in the store`);

  await seedDemoClicks(db, sim, campaign.id);
  step("a week of referral-link clicks");
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
  await seedSalesHistory(sim, codes, orderCount);
  step(`${sim.placed.length} orders placed in the store (some refunded); Shopify sends them to Tally as webhooks`);
  return { seeded: true, creators: codes.length, orderIds: sim.placed };
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

const DEMO_BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1";

/**
 * A week of referral-link clicks for the click charts: people's visits through each creator's link
 * (the demo creator's most), some repeat visitors, link-preview bots (counted apart), and one order
 * placed days after its click and credited by the click id the cart carried (`_tally_click`).
 */
async function seedDemoClicks(db: Db, sim: SimulatorClient, campaignId: string) {
  const links = await db.select({ slug: enrollments.referralSlug }).from(enrollments).where(eq(enrollments.campaignId, campaignId)).orderBy(enrollments.createdAt);
  const now = Date.now();
  let lastToken: string | null = null;
  for (const [n, link] of links.entries()) {
    const perLink = [40, 22, 12][n] ?? 8;
    for (let i = 0; i < perLink; i++) {
      const at = new Date(now - (6.8 - (i / perLink) * 6.6) * 86_400_000);
      // Every fifth visit is a returning visitor (same address and browser) a day later: a new click, not a new visitor.
      const address = `198.51.100.${(n * 60 + (i % 5 === 4 ? i - 4 : i)) % 250}`;
      const visit = await visitReferralLink(db, { slug: link.slug, method: "GET", headers: new Headers(taggedHeaders(address, { "user-agent": DEMO_BROWSER })), now: at });
      if (visit.kind === "redirect" && visit.clickToken && n === 2) lastToken = visit.clickToken;
    }
    for (const ua of ["facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)"]) {
      await visitReferralLink(db, { slug: link.slug, method: "GET", headers: new Headers(taggedHeaders("203.0.113.9", { "user-agent": ua })), now: new Date(now - 86_400_000) });
    }
  }
  if (lastToken) {
    // Bought days later from a bookmark: no code typed; the store's Tally embed had put the click in the cart.
    await sim.placeOrder(DEMO_SHOP.domain, {
      line_items: [{ title: "Night Repair Cream", price: "60.00" }],
      note_attributes: [{ name: "_tally_click", value: lastToken }],
      email: "bookmark.buyer@example.com",
      customer: { first_name: "Bookmark", last_name: "Buyer", email: "bookmark.buyer@example.com" },
    });
  }
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
async function seedSalesHistory(sim: SimulatorClient, codes: string[], count: number) {
  if (codes.length === 0) return;
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    // The demo creator sells most; with more creators, every creator beyond the first three sells too.
    const code = codes.length > 3 && i % 4 === 3 ? codes[3 + (i % (codes.length - 3))]! : codes[Math.min(codes.length - 1, i % 5 === 4 ? 2 : i % 3 === 2 ? 1 : 0)]!;
    const items = [PRODUCTS[i % PRODUCTS.length]!, ...(i % 4 === 0 ? [PRODUCTS[(i + 2) % PRODUCTS.length]!] : [])];
    const placed = await sim.placeOrder(DEMO_SHOP.domain, {
      line_items: items.map((p) => ({ ...p, quantity: 1 + (i % 2) })),
      discount_codes: [code],
      shipping: { price: "5.00" },
      tax_rate: 0.08,
      email: `shopper${i}@example.com`,
      customer: { first_name: "Shopper", last_name: String(i + 1), email: `shopper${i}@example.com` },
      created_at: new Date(now - (6.5 - (i / Math.max(count, 1)) * 6.3) * 86_400_000).toISOString(),
    });
    if (i % 7 === 3) await sim.refund(DEMO_SHOP.domain, placed.order.id, { line_items: [{ index: 0, quantity: 1 }] });
  }
}
