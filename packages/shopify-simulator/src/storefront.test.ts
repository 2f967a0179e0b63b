import { beforeEach, describe, expect, it } from "vitest";
import { OffsetClock } from "./clock";
import { serverForFile } from "./server-for-file";

const SECRET = "shpss_storefront_test_secret";
const SHOP = "storefront.myshopify.com";
const clock = new OffsetClock();
const { h, call } = serverForFile({ secret: SECRET, clock, appTopics: ["orders/create"] });

beforeEach(async () => {
  await call("POST", "/_sim/shops", { domain: SHOP, name: "Storefront", currency: "USD" });
  await call("POST", `/_sim/shops/${SHOP}/discounts`, { code: "CASEY-1A2B", value_type: "percentage", value: "10" });
});

/** A browser on the store: keeps its cookies, names the shop as a request router would. */
function shopper() {
  const jar = new Map<string, string>();
  return async (path: string, init: { method?: string; body?: string; json?: unknown } = {}) => {
    const headers: Record<string, string> = { "x-shopify-shop-domain": SHOP, cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; ") };
    if (init.json !== undefined) headers["content-type"] = "application/json";
    if (init.body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded";
    const res = await fetch(`${h.url}${path}`, { method: init.method ?? "GET", headers, body: init.json !== undefined ? JSON.stringify(init.json) : init.body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split("; ");
      const [name, value] = [pair!.slice(0, pair!.indexOf("=")), pair!.slice(pair!.indexOf("=") + 1)];
      if (attrs.includes("Max-Age=0")) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  };
}

const TOKEN = `clk_${"0".repeat(10)}${"a".repeat(16)}.${"B".repeat(22)}`;

describe("storefront", () => {
  it("the shareable discount URL puts the code in the cart and redirects to a path on the store only", async () => {
    const get = shopper();
    const r = await get(`/discount/casey-1a2b?redirect=${encodeURIComponent(`/products/glow-serum?ref=casey&tally_click=${TOKEN}`)}`);
    expect(r.status).toBe(302);
    expect(r.headers.get("location")).toBe(`/products/glow-serum?ref=casey&tally_click=${TOKEN}`);
    const cart = (await (await get("/cart.js")).json()) as { discount_codes: { code: string }[] };
    expect(cart.discount_codes).toEqual([{ code: "CASEY-1A2B", applicable: true }]);
    for (const evil of ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"]) {
      const e = await shopper()(`/discount/CASEY-1A2B?redirect=${encodeURIComponent(evil)}`);
      expect(e.headers.get("location"), evil).toBe("/");
    }
  });

  it("the product page loads the embed's real script, which the store serves", async () => {
    const get = shopper();
    const page = await (await get("/products/glow-serum")).text();
    expect(page).toContain('<script src="/apps/tally/tally-tracking.js" data-tally-window-days="30" defer></script>');
    const script = await get("/apps/tally/tally-tracking.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(await script.text()).toContain("_tally_click");
  });

  it("checkout carries the cart's code, its attributes (note_attributes) and the session's landing page into orders/create", async () => {
    const get = shopper();
    await get(`/discount/CASEY-1A2B?redirect=${encodeURIComponent(`/?ref=casey&tally_click=${TOKEN}`)}`);
    await get(`/?ref=casey&tally_click=${TOKEN}`);
    await get("/cart/add.js", { method: "POST", json: { id: 101, quantity: 2 } });
    await get("/cart/update.js", { method: "POST", json: { attributes: { _tally_click: TOKEN, gift: "" } } });
    const done = await get("/checkout", { method: "POST", body: "email=buyer%40example.com" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Thank you for your order");
    const [hook] = await h.receiver.waitFor(1);
    const order = hook!.body as { discount_codes: { code: string }[]; note_attributes: { name: string; value: string }[]; landing_site: string; email: string; subtotal_price: string };
    expect(hook!.hmacValid).toBe(true);
    expect(order.discount_codes.map((d) => d.code)).toEqual(["CASEY-1A2B"]);
    expect(order.note_attributes).toEqual([{ name: "_tally_click", value: TOKEN }]);
    expect(order.landing_site).toBe(`/?ref=casey&tally_click=${TOKEN}`);
    expect(order.email).toBe("buyer@example.com");
    expect(order.subtotal_price).toBe("180.00");
    // The cart is gone after checkout.
    expect(((await (await get("/cart.js")).json()) as { item_count: number }).item_count).toBe(0);
  });

  it("three days later (the store's storefront clock): a new session lands on its own page; the cart and its code and attributes are kept", async () => {
    const get = shopper();
    await get(`/discount/CASEY-1A2B?redirect=${encodeURIComponent(`/?tally_click=${TOKEN}`)}`);
    await get(`/?tally_click=${TOKEN}`);
    await get("/cart/update.js", { method: "POST", json: { attributes: { _tally_click: TOKEN } } });
    const moved = await call("POST", `/_sim/shops/${SHOP}/storefront-clock`, { advance_ms: 3 * 86_400_000 });
    expect(moved.status).toBe(200);
    {
      await get("/products/glow-serum");
      await get("/cart/add.js", { method: "POST", json: { id: 101 } });
      await get("/checkout", { method: "POST", body: "" });
      const [hook] = await h.receiver.waitFor(1);
      const order = hook!.body as { landing_site: string; note_attributes: unknown[]; discount_codes: unknown[]; created_at: string };
      expect(order.landing_site).toBe("/products/glow-serum");
      expect(order.note_attributes).toEqual([{ name: "_tally_click", value: TOKEN }]);
      expect(order.discount_codes).toHaveLength(1);
      expect(new Date(order.created_at).getTime()).toBeGreaterThan(Date.now() + 2.9 * 86_400_000);
    }
    // Only this store's storefront moved.
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(60_000);
  });

  it("an empty cart cannot check out; unknown shops and paths are 404", async () => {
    const get = shopper();
    expect((await get("/checkout", { method: "POST", body: "" })).status).toBe(422);
    expect((await fetch(`${h.url}/products/glow-serum`)).status).toBe(404);
    expect((await get("/nope")).status).toBe(404);
  });
});
