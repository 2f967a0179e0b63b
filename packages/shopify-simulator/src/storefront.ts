/**
 * A minimal Online Store, enough to follow a creator's referral link end to end the way Shopify does:
 *
 *   GET  /  and  /products/{handle}   a product page that loads the theme app embed's real script
 *   GET  /discount/{CODE}?redirect=/… Shopify's shareable discount URL: the code goes into the cart
 *                                     (applied at checkout), then a 302 to the path on the same store
 *   GET  /cart.js                     Ajax Cart API: { token, attributes, items, item_count, … }
 *   POST /cart/add.js, /cart/update.js ({ attributes, updates }), /cart/change.js, /cart/clear.js
 *   GET  /cart                        the cart page; POST /checkout places the order: its
 *                                     `discount_codes` from the cart's code, `note_attributes` from the
 *                                     cart's attributes, `landing_site` from the session's first page
 *
 * The shop is named by the `X-Shopify-Shop-Domain` header (a test's request router sets it) or a
 * `*.myshopify.com` Host. State lives in the simulator, keyed by the `cart` cookie (a cart lives 14
 * days) and the `_shopify_s` session cookie (a session ends after 30 minutes without a page view),
 * both measured on the storefront's clock (the simulator's, plus a per-shop offset), so that "three days
 * later" for one store is `POST /_sim/shops/{domain}/storefront-clock {"advance_ms": 259200000}`.
 * Consent: Shopify's Customer Privacy API (`Shopify.loadFeatures` → `customerPrivacy`) backed by the
 * `_tracking_consent` cookie and a banner whose answer fires `visitorConsentCollected`.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

const CART_DAYS = 14;
const SESSION_MINUTES = 30;

type CartLine = { id: number; title: string; price: number; quantity: number };
type Cart = { token: string; shop: string; attributes: Record<string, string>; items: CartLine[]; discountCode: string | null; touchedAt: number };
type Session = { id: string; shop: string; landingSite: string; lastSeenAt: number };

/** The one product the simulated store sells (prices in minor units). */
const PRODUCT = { id: 101, handle: "glow-serum", title: "Glow Serum", price: 10000 };

export type PlaceStorefrontOrder = (
  shop: string,
  input: { lineItems: { title: string; price: number; quantity: number }[]; discountCodes: string[]; noteAttributes: { name: string; value: string }[]; landingSite: string | null; email: string; createdAt: number },
) => { id: number; name: string };

export class Storefront {
  private carts = new Map<string, Cart>();
  private sessions = new Map<string, Session>();

  constructor(
    /** The storefront's time for a shop (the simulator's clock plus that shop's storefront offset). */
    private readonly now: (shop: string) => number,
    private readonly placeOrder: PlaceStorefrontOrder,
    private readonly embedScriptPath: string | null,
  ) {}

  /** True when the request was for the storefront (it has been answered). */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, shop: string | null, body: () => Promise<string>): Promise<boolean> {
    const method = (req.method ?? "GET").toUpperCase();
    const path = url.pathname;
    const storefrontPath = path === "/" || /^\/(products\/[\w-]+|discount\/[^/]+|cart(\.js)?|cart\/(add|update|change|clear)(\.js)?|checkout|apps\/tally\/tally-tracking\.js)$/.test(path);
    if (!storefrontPath || !shop) return false;
    const cookies = parseCookies(req.headers.cookie ?? "");
    const setCookies: string[] = [];
    const now = this.now(shop);

    if (path === "/apps/tally/tally-tracking.js") {
      if (!this.embedScriptPath) return send(res, 404, "text/plain", "No embed script configured");
      return send(res, 200, "application/javascript; charset=utf-8", readFileSync(this.embedScriptPath, "utf8"));
    }

    const cart = this.cartFor(shop, cookies.cart, now, setCookies);
    if (method === "GET" && !path.startsWith("/cart") && !path.startsWith("/discount/")) this.touchSession(shop, cookies._shopify_s, url, now, setCookies);

    const discount = /^\/discount\/([^/]+)$/.exec(path);
    if (discount && method === "GET") {
      cart.discountCode = decodeURIComponent(discount[1]!).trim().toUpperCase();
      const redirect = url.searchParams.get("redirect") ?? "/";
      // Only a path on this store: an absolute URL or a protocol-relative one goes home.
      const target = /^\/(?!\/)/.test(redirect) ? redirect : "/";
      res.writeHead(302, { Location: target, "Set-Cookie": setCookies, "Cache-Control": "no-store" });
      res.end();
      return true;
    }

    if (path === "/cart.js" && method === "GET") return json(res, cartJson(cart), setCookies);
    if (path.startsWith("/cart/") && method === "POST") {
      let input: Record<string, unknown> = {};
      try {
        const raw = await body();
        input = raw.trim() ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch {
        return json(res, { status: 400, message: "Bad Request", description: "The body is not JSON" }, setCookies, 400);
      }
      const op = path.replace(/^\/cart\//, "").replace(/\.js$/, "");
      if (op === "add") {
        const quantity = Math.max(1, Number(input.quantity ?? 1) | 0);
        const line = cart.items.find((l) => l.id === PRODUCT.id);
        if (line) line.quantity += quantity;
        else cart.items.push({ id: PRODUCT.id, title: PRODUCT.title, price: PRODUCT.price, quantity });
      }
      if (op === "update" || op === "change") {
        const attributes = input.attributes;
        if (attributes && typeof attributes === "object") {
          for (const [k, v] of Object.entries(attributes as Record<string, unknown>)) {
            if (v === null || v === "") delete cart.attributes[k];
            else cart.attributes[k] = String(v);
          }
        }
        if (op === "change" && input.quantity !== undefined) {
          const q = Number(input.quantity) | 0;
          cart.items = q <= 0 ? [] : cart.items.map((l) => ({ ...l, quantity: q }));
        }
      }
      // Shopify's clear.js empties the items and keeps the attributes and note.
      if (op === "clear") cart.items = [];
      cart.touchedAt = now;
      return json(res, cartJson(cart), setCookies);
    }

    if (path === "/checkout" && method === "POST") {
      if (cart.items.length === 0) return html(res, page(shop, "Your cart is empty", `<p>Your cart is empty.</p><p><a href="/products/${PRODUCT.handle}">Continue shopping</a></p>`), setCookies, 422);
      const session = this.sessions.get(cookies._shopify_s ?? "");
      const form = new URLSearchParams(await body());
      try {
        const order = this.placeOrder(shop, {
          lineItems: cart.items.map((l) => ({ title: l.title, price: l.price, quantity: l.quantity })),
          discountCodes: cart.discountCode ? [cart.discountCode] : [],
          noteAttributes: Object.entries(cart.attributes).map(([name, value]) => ({ name, value })),
          landingSite: session?.landingSite ?? null,
          email: form.get("email") || "shopper@example.com",
          createdAt: now,
        });
        this.carts.delete(cart.token);
        setCookies.push(cookie("cart", "", 0));
        return html(res, page(shop, "Thank you", `<h1>Thank you for your order</h1><p data-testid="order-name">${esc(order.name)}</p><p data-testid="order-id">${order.id}</p>`), setCookies);
      } catch (e) {
        return html(res, page(shop, "Checkout", `<p role="alert">${esc((e as Error).message)}</p>`), setCookies, 422);
      }
    }

    if (path === "/cart" && method === "GET") {
      const lines = cart.items.map((l) => `<li>${esc(l.title)} × ${l.quantity}</li>`).join("");
      const body = `<h1>Your cart</h1><ul data-testid="cart-lines">${lines}</ul>${discountNote(cart)}
<form method="post" action="/checkout"><label>Email <input name="email" type="email" value="shopper@example.com"></label> <button type="submit">Check out</button></form>`;
      return html(res, page(shop, "Cart", body, this.embedScriptPath !== null), setCookies);
    }

    if (method === "GET") {
      const body = `<h1>${esc(PRODUCT.title)}</h1><p>$${(PRODUCT.price / 100).toFixed(2)}</p>${discountNote(cart)}
<button type="button" id="add-to-cart">Add to cart</button> <a href="/cart">Cart</a>
<p data-testid="cart-status"></p>
<script>
document.getElementById("add-to-cart").addEventListener("click", function () {
  fetch("/cart/add.js", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ id: ${PRODUCT.id}, quantity: 1 }) })
    .then(function (r) { return r.json(); })
    .then(function (c) { document.querySelector("[data-testid=cart-status]").textContent = c.item_count + " in cart"; });
});
</script>`;
      return html(res, page(shop, PRODUCT.title, body, this.embedScriptPath !== null), setCookies);
    }
    return send(res, 405, "text/plain", "Method Not Allowed");
  }

  private cartFor(shop: string, token: string | undefined, now: number, setCookies: string[]): Cart {
    const existing = token ? this.carts.get(token) : undefined;
    if (existing && existing.shop === shop && now - existing.touchedAt < CART_DAYS * 86_400_000) {
      existing.touchedAt = now;
      return existing;
    }
    const cart: Cart = { token: randomBytes(12).toString("hex"), shop, attributes: {}, items: [], discountCode: null, touchedAt: now };
    this.carts.set(cart.token, cart);
    setCookies.push(cookie("cart", cart.token, CART_DAYS * 86_400));
    return cart;
  }

  /** A session starts on the first page view, or after 30 minutes without one; its first page is the order's landing_site. */
  private touchSession(shop: string, id: string | undefined, url: URL, now: number, setCookies: string[]): void {
    const existing = id ? this.sessions.get(id) : undefined;
    if (existing && existing.shop === shop && now - existing.lastSeenAt < SESSION_MINUTES * 60_000) {
      existing.lastSeenAt = now;
      return;
    }
    const session: Session = { id: randomBytes(12).toString("hex"), shop, landingSite: `${url.pathname}${url.search}`, lastSeenAt: now };
    this.sessions.set(session.id, session);
    setCookies.push(cookie("_shopify_s", session.id, SESSION_MINUTES * 60));
  }
}

function cartJson(cart: Cart) {
  return {
    token: cart.token,
    note: null,
    attributes: cart.attributes,
    items: cart.items.map((l) => ({ id: l.id, title: l.title, price: l.price, quantity: l.quantity, line_price: l.price * l.quantity })),
    item_count: cart.items.reduce((s, l) => s + l.quantity, 0),
    total_price: cart.items.reduce((s, l) => s + l.price * l.quantity, 0),
    currency: "USD",
    discount_codes: cart.discountCode ? [{ code: cart.discountCode, applicable: true }] : [],
  };
}

const discountNote = (cart: Cart) => (cart.discountCode ? `<p data-testid="discount-applied">Discount ${esc(cart.discountCode)} will be applied at checkout.</p>` : "");

/** The page frame: Shopify's Customer Privacy API and its consent banner, then the app embed's script. */
function page(shop: string, title: string, body: string, withEmbed = false): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)} – ${esc(shop)}</title>
<script>
(function () {
  function consent() { var m = /(?:^|; )_tracking_consent=([^;]*)/.exec(document.cookie); return m ? decodeURIComponent(m[1]) : null; }
  var privacy = {
    marketingAllowed: function () { return consent() === "granted"; },
    analyticsProcessingAllowed: function () { return consent() === "granted"; },
    currentVisitorConsent: function () { var c = consent(); return { marketing: c === "granted" ? "yes" : c === "denied" ? "no" : "" }; },
    setTrackingConsent: function (value, cb) {
      var granted = value && value.marketing === true;
      document.cookie = "_tracking_consent=" + (granted ? "granted" : "denied") + "; Max-Age=31536000; Path=/; SameSite=Lax";
      document.dispatchEvent(new CustomEvent("visitorConsentCollected", { detail: { marketingAllowed: granted, analyticsAllowed: granted } }));
      if (cb) cb();
    }
  };
  window.Shopify = window.Shopify || {};
  window.Shopify.shop = ${JSON.stringify(shop)};
  window.Shopify.loadFeatures = function (features, cb) { window.Shopify.customerPrivacy = privacy; setTimeout(function () { cb(); }, 0); };
  window.__simConsent = privacy;
})();
</script>
${withEmbed ? `<script src="/apps/tally/tally-tracking.js" data-tally-window-days="30" defer></script>` : ""}
</head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem">
<div id="consent-banner" data-testid="consent-banner" hidden><p>We use cookies to remember who referred you.</p>
<button type="button" data-consent="yes">Accept</button> <button type="button" data-consent="no">Decline</button></div>
<script>
(function () {
  var banner = document.getElementById("consent-banner");
  if (!/(?:^|; )_tracking_consent=/.test(document.cookie)) banner.hidden = false;
  banner.addEventListener("click", function (e) {
    var answer = e.target && e.target.getAttribute && e.target.getAttribute("data-consent");
    if (!answer) return;
    window.__simConsent.setTrackingConsent({ marketing: answer === "yes", analytics: answer === "yes" }, function () { banner.hidden = true; });
  });
})();
</script>
${body}</body></html>`;
}

function parseCookies(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

const cookie = (name: string, value: string, maxAgeSeconds: number) => `${name}=${value}; Max-Age=${maxAgeSeconds}; Path=/; SameSite=Lax`;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function send(res: ServerResponse, status: number, type: string, body: string): true {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
  res.end(body);
  return true;
}

function json(res: ServerResponse, body: unknown, setCookies: string[], status = 200): true {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", "Set-Cookie": setCookies });
  res.end(JSON.stringify(body));
  return true;
}

function html(res: ServerResponse, body: string, setCookies: string[], status = 200): true {
  res.writeHead(status, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Set-Cookie": setCookies });
  res.end(body);
  return true;
}
