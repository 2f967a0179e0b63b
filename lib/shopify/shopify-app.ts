import "@shopify/shopify-api/adapters/web-api";
import { ApiVersion, LogSeverity, shopifyApi, type Shopify } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { appUrl, env, shopifyApiKey, shopifyApiSecrets } from "@/lib/env";

/** The one Admin API version Tally speaks (GraphQL documents are validated against its schema). */
export const SHOPIFY_API_VERSION = ApiVersion.July26;

/**
 * Access scopes requested at install. read_all_orders lifts the 60-day order window for backfills
 * (Shopify must approve it for the app); the discount scopes manage creator codes. (shopify-api
 * leaves read_discounts out of the authorize URL: write_discounts implies it.)
 */
export const SHOPIFY_SCOPES = ["read_orders", "read_all_orders", "write_discounts", "read_discounts"] as const;

const MYSHOPIFY_HOST = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/i;
const SHOPIFY_FETCH_TIMEOUT_MS = 30_000;

/**
 * Base URL of a shop's Admin (OAuth pages, token endpoint, Admin API): `https://{shop}`, or the
 * SHOPIFY_ADMIN_ORIGIN override (the simulator in dev/tests). No trailing slash.
 */
export function adminOrigin(shop: string): string {
  const override = env().SHOPIFY_ADMIN_ORIGIN;
  return override ? override.replace(/\/+$/, "") : `https://${shop.toLowerCase()}`;
}

/**
 * `fetch` for every Shopify HTTP call Tally makes (admin-api-client `customFetchApi`, shopify-api's
 * runtime hook). With SHOPIFY_ADMIN_ORIGIN set, a request aimed at `https://{shop}.myshopify.com/...`
 * goes to that origin instead, keeping path and query, and names the shop in
 * `X-Shopify-Shop-Domain` (the simulator serves every shop on one origin). Without the override, or
 * for any other host, the request goes out untouched.
 */
export async function shopifyFetch(input: string | URL | Request, givenInit?: RequestInit): Promise<Response> {
  // shopify-api sets no timeout of its own; a token refresh runs while holding a per-shop lock and a
  // database connection, so no Shopify call may hang for ever.
  const init: RequestInit = { ...givenInit, signal: givenInit?.signal ?? AbortSignal.timeout(SHOPIFY_FETCH_TIMEOUT_MS) };
  const override = env().SHOPIFY_ADMIN_ORIGIN;
  const original = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  // globalThis.fetch is looked up per call (not captured at import) so tests can stub it.
  if (!override || !MYSHOPIFY_HOST.test(original.hostname)) return globalThis.fetch(input, init);
  const target = new URL(`${original.pathname}${original.search}`, override);
  const shop = original.hostname.toLowerCase();
  if (input instanceof Request) {
    // Neither Shopify library passes a Request today; copy one without streaming its body.
    const headers = new Headers(input.headers);
    new Headers(givenInit?.headers).forEach((value, key) => headers.set(key, value));
    headers.set("X-Shopify-Shop-Domain", shop);
    const method = givenInit?.method ?? input.method;
    const body = givenInit?.body ?? (method === "GET" || method === "HEAD" ? undefined : await input.arrayBuffer());
    return globalThis.fetch(target.toString(), { ...init, method, headers, body, signal: givenInit?.signal ?? AbortSignal.any([input.signal, init.signal!]) });
  }
  const headers = new Headers(init.headers);
  headers.set("X-Shopify-Shop-Domain", shop);
  return globalThis.fetch(target.toString(), { ...init, headers });
}

let app: Shopify | undefined;

/**
 * The shopify-api instance (OAuth begin/callback, token refresh, query-HMAC validation), created on
 * first use so that importing this module reads no configuration.
 */
export function shopifyApp(): Shopify {
  if (app) return app;
  // shopify-api performs its HTTP through one process-wide hook; the web-api adapter sets it to the
  // global fetch, we replace it with the routing fetch (a no-op without SHOPIFY_ADMIN_ORIGIN).
  setAbstractFetchFunc(shopifyFetch);
  const url = new URL(appUrl());
  app = shopifyApi({
    apiKey: shopifyApiKey(),
    // The current secret: Shopify signs OAuth redirects with it. (The previous one only matters for
    // webhook HMACs during a rotation, which Tally verifies itself.)
    apiSecretKey: shopifyApiSecrets()[0]!,
    scopes: [...SHOPIFY_SCOPES],
    hostName: url.host,
    hostScheme: url.protocol === "http:" ? "http" : "https",
    apiVersion: SHOPIFY_API_VERSION,
    isEmbeddedApp: false,
    // Every failure the library logs also reaches us as a thrown error, which the caller handles and
    // reports; its own info/debug lines (version banner, future flags, OAuth steps) are noise.
    logger: { level: LogSeverity.Error, log: () => {}, httpRequests: false, timestamps: false },
  });
  return app;
}

/** Forgets the instance (tests that change configuration). */
export function resetShopifyAppForTests(): void {
  app = undefined;
}
