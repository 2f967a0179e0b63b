import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { describe, expect, it } from "vitest";

/**
 * The app embed's real script file, run in a bare `vm` context with a small storefront around it: a
 * cookie jar, `location`, Shopify's Customer Privacy API (`Shopify.loadFeatures` →
 * `customerPrivacy.marketingAllowed()`), and an Ajax Cart API (`/cart.js`, `/cart/update.js`) that
 * keeps attributes. No DOM library: the script needs none.
 */
const SOURCE = readFileSync(join(import.meta.dirname, "assets/tally-tracking.js"), "utf8");
const TOKEN = `clk_${"0".repeat(10)}${"a".repeat(16)}.${"B".repeat(22)}`;
const OTHER = `clk_${"1".repeat(10)}${"c".repeat(16)}.${"D".repeat(22)}`;

type Consent = "allowed" | "denied" | "no-api" | "later";

function storefront(opts: { url: string; consent: Consent; cookie?: string; windowDays?: string; cartAttributes?: Record<string, string> }) {
  const jar = new Map<string, { value: string; attrs: string }>();
  if (opts.cookie) for (const part of opts.cookie.split("; ")) jar.set(part.split("=")[0]!, { value: part.slice(part.indexOf("=") + 1), attrs: "" });
  const cart = { attributes: { ...(opts.cartAttributes ?? {}) } as Record<string, string>, items: [] as unknown[] };
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const listeners = new Map<string, ((e: unknown) => void)[]>();

  const fetch = async (input: string | { url: string }, init: { method?: string; body?: string } = {}) => {
    const path = new URL(typeof input === "string" ? input : input.url, opts.url).pathname;
    const method = (init.method ?? "GET").toUpperCase();
    const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    calls.push({ method, path, body });
    if (path === "/cart/update.js") Object.assign(cart.attributes, (body?.attributes ?? {}) as Record<string, string>);
    if (path === "/cart/clear.js") cart.attributes = {};
    if (path === "/cart/add.js") cart.items.push(body);
    return { ok: true, status: 200, json: async () => JSON.parse(JSON.stringify(cart)) as unknown };
  };

  const privacy = (allowed: boolean) => ({ marketingAllowed: () => allowed });
  const Shopify: Record<string, unknown> = {};
  if (opts.consent !== "no-api") {
    Shopify.loadFeatures = (features: { name: string }[], cb: (err?: unknown) => void) => {
      expect(features).toEqual([{ name: "consent-tracking-api", version: "0.1" }]);
      Shopify.customerPrivacy = privacy(opts.consent === "allowed");
      cb();
    };
  }

  const document = {
    currentScript: { getAttribute: (name: string) => (name === "data-tally-window-days" ? (opts.windowDays ?? "30") : null) },
    get cookie() {
      return [...jar].map(([k, v]) => `${k}=${v.value}`).join("; ");
    },
    set cookie(line: string) {
      const [pair, ...attrs] = line.split("; ");
      const name = pair!.slice(0, pair!.indexOf("="));
      jar.set(name, { value: pair!.slice(pair!.indexOf("=") + 1), attrs: attrs.join("; ") });
    },
    addEventListener: (type: string, fn: (e: unknown) => void) => listeners.set(type, [...(listeners.get(type) ?? []), fn]),
  };
  const window: Record<string, unknown> = { location: new URL(opts.url), fetch, Shopify, URL };
  vm.runInNewContext(SOURCE, { window, document, URL, Promise, JSON, Math, Number, String, Boolean, encodeURIComponent, decodeURIComponent });

  const settled = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    window,
    jar,
    cart,
    calls,
    settled,
    /** The shopper answers the consent banner. */
    answerConsent: async (marketingAllowed: boolean) => {
      Shopify.customerPrivacy = privacy(marketingAllowed);
      for (const fn of listeners.get("visitorConsentCollected") ?? []) fn({ detail: { marketingAllowed } });
      await settled();
    },
    /** The theme's own cart request, through the (wrapped) window.fetch. */
    themeFetch: async (path: string, body: unknown) => {
      await (window.fetch as typeof fetch)(path, { method: "POST", body: JSON.stringify(body) });
      await settled();
    },
  };
}

describe("tally-tracking.js (theme app embed script)", () => {
  it("a landing with tally_click and marketing allowed: keeps the token for the click window and writes it to the cart", async () => {
    const s = storefront({ url: `https://glow.example/products/serum?ref=casey&tally_click=${TOKEN}`, consent: "allowed", windowDays: "7" });
    await s.settled();
    expect(s.jar.get("_tally_click")).toEqual({ value: encodeURIComponent(TOKEN), attrs: `Max-Age=${7 * 86400}; Path=/; SameSite=Lax; Secure` });
    expect(s.cart.attributes).toEqual({ _tally_click: TOKEN });
    expect(s.calls.map((c) => `${c.method} ${c.path}`)).toEqual(["GET /cart.js", "POST /cart/update.js"]);
  });

  it("consent denied, or no Customer Privacy API: nothing is stored and the cart is not touched", async () => {
    for (const consent of ["denied", "no-api"] as const) {
      const s = storefront({ url: `https://glow.example/?tally_click=${TOKEN}`, consent });
      await s.settled();
      expect(s.jar.size, consent).toBe(0);
      expect(s.calls, consent).toEqual([]);
    }
  });

  it("consent given after landing (the banner): the landing's token is kept then", async () => {
    const s = storefront({ url: `https://glow.example/?tally_click=${TOKEN}`, consent: "later" });
    await s.settled();
    expect(s.jar.size).toBe(0);
    await s.answerConsent(true);
    expect(s.jar.get("_tally_click")?.value).toBe(encodeURIComponent(TOKEN));
    expect(s.cart.attributes._tally_click).toBe(TOKEN);
  });

  it("a later visit without the parameter (a bookmark, days later) writes the kept token to the new cart; an up-to-date cart is left alone", async () => {
    const back = storefront({ url: "https://glow.example/", consent: "allowed", cookie: `_tally_click=${TOKEN}` });
    await back.settled();
    expect(back.cart.attributes._tally_click).toBe(TOKEN);

    const upToDate = storefront({ url: "https://glow.example/cart", consent: "allowed", cookie: `_tally_click=${TOKEN}`, cartAttributes: { _tally_click: TOKEN, gift: "yes" } });
    await upToDate.settled();
    expect(upToDate.calls.map((c) => c.path)).toEqual(["/cart.js"]);
    expect(upToDate.cart.attributes).toEqual({ _tally_click: TOKEN, gift: "yes" });
  });

  it("a newer link replaces the kept click (the last click counts)", async () => {
    const s = storefront({ url: `https://glow.example/?tally_click=${OTHER}`, consent: "allowed", cookie: `_tally_click=${TOKEN}`, cartAttributes: { _tally_click: TOKEN } });
    await s.settled();
    expect(s.jar.get("_tally_click")?.value).toBe(encodeURIComponent(OTHER));
    expect(s.cart.attributes._tally_click).toBe(OTHER);
  });

  it("after the theme changes the cart (a cleared cart loses its attributes), the token is written again", async () => {
    const s = storefront({ url: "https://glow.example/", consent: "allowed", cookie: `_tally_click=${TOKEN}` });
    await s.settled();
    await s.themeFetch("/cart/clear.js", {});
    expect(s.cart.attributes._tally_click).toBe(TOKEN);
    await s.themeFetch("/cart/add.js", { id: 1, quantity: 1 });
    expect(s.calls.filter((c) => c.path === "/cart/update.js")).toHaveLength(2);
    // Requests that do not change the cart do not trigger a sync.
    const before = s.calls.length;
    await s.themeFetch("/search/suggest.json", {});
    expect(s.calls.length).toBe(before + 1);
  });

  it("a malformed or forged-looking parameter or cookie is never stored or sent", async () => {
    for (const value of ["clk_short", "<script>alert(1)</script>", `${TOKEN}x`, "clk_" + "A".repeat(26) + "." + "B".repeat(22)]) {
      const s = storefront({ url: `https://glow.example/?tally_click=${encodeURIComponent(value)}`, consent: "allowed" });
      await s.settled();
      expect(s.jar.size, value).toBe(0);
      expect(s.calls, value).toEqual([]);
    }
    const badCookie = storefront({ url: "https://glow.example/", consent: "allowed", cookie: "_tally_click=nonsense" });
    await badCookie.settled();
    expect(badCookie.calls).toEqual([]);
  });

  it("an out-of-range window setting falls back to 30 days; http stores get no Secure flag", async () => {
    const s = storefront({ url: `http://127.0.0.1:4522/?tally_click=${TOKEN}`, consent: "allowed", windowDays: "9999" });
    await s.settled();
    expect(s.jar.get("_tally_click")?.attrs).toBe(`Max-Age=${30 * 86400}; Path=/; SameSite=Lax`);
  });
});
