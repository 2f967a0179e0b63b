/**
 * Ready-made scenarios that reproduce the fixtures in lib/shopify/__fixtures__ with the simulator
 * (same shop, lines, codes, shipping, tax, buyer). Used by the payload shape tests and handy for
 * the demo seeder: the resulting webhooks have the fixtures' amounts.
 */
import type { Simulator } from "./simulator";
import type { PlaceOrderInput } from "./store";
import type { OrderRecord } from "./types";

export const FIXTURE_SHOP = "creator-demo-store.myshopify.com";
export const FIXTURE_HKD_SHOP = "webhook-manager-app.myshopify.com";

const IPHONE_INSTAGRAM_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 345.0.0.0";

const portland = (first: string, last: string) => ({
  first_name: first,
  last_name: last,
  address1: "123 Example Street",
  address2: null,
  city: "Portland",
  province: "Oregon",
  province_code: "OR",
  country: "United States",
  country_code: "US",
  zip: "97201",
  phone: "+15555550100",
  company: null,
});

const hoodie = { title: "Creator Hoodie", variantTitle: "Black / M", price: 6000, quantity: 1, sku: "HOOD-BLK-M", grams: 650, vendor: "Creator Demo Co" };
const cap = { title: "Logo Cap", variantTitle: null, price: 4000, quantity: 1, sku: "CAP-LOGO", grams: 120, vendor: "Creator Demo Co" };

/** Creates the USD demo shop with the fixtures' codes (JANE15 15%, JANE10 10%, WELCOME5 $5). */
export function setupFixtureShop(sim: Simulator, opts: { accessToken?: string } = {}) {
  const created = sim.createShop({ domain: FIXTURE_SHOP, name: "Creator Demo Store", currency: "USD", accessToken: opts.accessToken });
  const startsAt = Date.parse("2026-08-01T00:00:00Z");
  const combine = { orderDiscounts: true, productDiscounts: false, shippingDiscounts: false };
  for (const [code, value] of [
    ["JANE15", { type: "percentage" as const, percentage: 0.15 }],
    ["JANE10", { type: "percentage" as const, percentage: 0.1 }],
    ["WELCOME5", { type: "fixed_amount" as const, amount: 500, appliesOnEachItem: false }],
  ] as const) {
    sim.store.createDiscount(FIXTURE_SHOP, { code, title: `Creator ${code}`, value, startsAt, combinesWith: combine });
  }
  return created;
}

/** #1042: one 15% code, 8% tax on items, 7.50 untaxed shipping (orders-create-single-code.json). */
export const singleCodeOrder: PlaceOrderInput = {
  lineItems: [hoodie, cap],
  discountCodes: ["JANE15"],
  shipping: { title: "Standard Shipping", code: "Standard", price: 750 },
  taxRate: 0.08,
  taxTitle: "State Tax",
  email: "jordan.buyer@example.com",
  customer: { firstName: "Jordan", lastName: "Buyer" },
  billingAddress: portland("Jordan", "Buyer"),
  shippingAddress: portland("Jordan", "Buyer"),
  landingSite: "/products/creator-hoodie?utm_source=instagram&utm_medium=creator&utm_campaign=jane&ref=jane",
  referringSite: "https://l.instagram.com/",
  noteAttributes: [{ name: "creator_ref", value: "jane" }],
  createdAt: Date.parse("2026-09-01T18:03:10Z"),
  clientDetails: { browser_ip: "203.0.113.24", user_agent: IPHONE_INSTAGRAM_UA, accept_language: "en-US,en;q=0.9" },
};

/** #1043: JANE10 (10%) then WELCOME5 ($5) stacked, no tax, 10.00 shipping (orders-create-stacked-codes.json). */
export const stackedCodesOrder: PlaceOrderInput = {
  lineItems: [
    { title: "Everyday Tee", variantTitle: "White / L", price: 5000, quantity: 2, sku: "TEE-WHT-L", grams: 200, vendor: "Creator Demo Co" },
    { title: "Socks 3-Pack", variantTitle: null, price: 3000, quantity: 1, sku: "SOCK-3PK", grams: 150, vendor: "Creator Demo Co" },
  ],
  discountCodes: ["JANE10", "WELCOME5"],
  shipping: { title: "Standard Shipping", code: "Standard", price: 1000 },
  email: "sam.shopper@example.com",
  customer: { firstName: "Sam", lastName: "Shopper" },
  billingAddress: portland("Sam", "Shopper"),
  shippingAddress: portland("Sam", "Shopper"),
  landingSite: "/?ref=jane",
  referringSite: "https://www.tiktok.com/",
  createdAt: Date.parse("2026-09-01T19:22:41Z"),
  clientDetails: { browser_ip: "198.51.100.7", user_agent: IPHONE_INSTAGRAM_UA, accept_language: "en-US,en;q=0.9" },
};

/** #1044: guest checkout, automatic $5 off the cap only, 8% tax (orders-create-no-code.json). */
export const noCodeOrder: PlaceOrderInput = {
  lineItems: [hoodie, cap],
  automaticDiscounts: [{ title: "Cap promo $5 off", valueType: "fixed_amount", value: 500, lineIndexes: [1] }],
  shipping: { title: "Standard Shipping", code: "Standard", price: 750 },
  taxRate: 0.08,
  taxTitle: "State Tax",
  email: "guest.checkout@example.com",
  customer: null,
  landingSite: "/collections/new?utm_source=youtube&utm_medium=creator&utm_campaign=alex",
  referringSite: "https://www.youtube.com/",
  createdAt: Date.parse("2026-09-01T20:40:02Z"),
  clientDetails: { browser_ip: "192.0.2.55", user_agent: IPHONE_INSTAGRAM_UA, accept_language: "en-US,en;q=0.9" },
};

/** Places #1042 and returns it (shop from `setupFixtureShop`). */
export function placeSingleCodeOrder(sim: Simulator): OrderRecord {
  return sim.store.placeOrder(FIXTURE_SHOP, singleCodeOrder);
}

/** The HKD draft order of orders-cancelled.json (real capture), before its cancellation. */
export function setupHkdDraftOrder(sim: Simulator): OrderRecord {
  sim.createShop({ domain: FIXTURE_HKD_SHOP, name: "webhook-manager-app", currency: "HKD", timezone: "America/New_York" });
  const hk = {
    first_name: "Test",
    last_name: "",
    address1: "",
    address2: null,
    city: "",
    province: null,
    province_code: null,
    country: "Hong Kong",
    country_code: "HK",
    zip: null,
    phone: "+85200000000",
    company: null,
    name: "Test Buyer",
  };
  return sim.store.placeOrder(FIXTURE_HKD_SHOP, {
    lineItems: [{ title: "aaa0103測試商品11aa", variantTitle: null, price: 9900, quantity: 1, sku: "", grams: 0, vendor: "webhook-manager-app" }],
    sourceName: "shopify_draft_order",
    email: "buyer@example.com",
    customer: {
      firstName: "Test",
      lastName: "",
      defaultAddress: { ...hk, address1: "", address2: "", city: "", province: "", zip: "", company: "" },
    },
    billingAddress: hk,
    shippingAddress: hk,
    createdAt: Date.parse("2025-01-23T10:18:47Z"),
    clientDetails: {
      browser_ip: "203.0.113.10",
      accept_language: null,
      user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    },
  });
}
