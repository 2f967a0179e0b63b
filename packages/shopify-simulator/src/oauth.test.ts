import "@shopify/shopify-api/adapters/node";
import { createHmac } from "node:crypto";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { setAbstractFetchFunc } from "@shopify/shopify-api/runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauthQueryHmac } from "./oauth";
import { createShopifySimulator, type ShopifySimulator } from "./server";

const SECRET = "shpss_oauth_test_secret";
const API_KEY = "tally-client-id";
const SHOP = "oauth-shop.myshopify.com";

let sim: ShopifySimulator;
let url: string;

const shopify = shopifyApi({
  apiKey: API_KEY,
  apiSecretKey: SECRET,
  apiVersion: ApiVersion.July26,
  hostName: "app.example.com",
  scopes: ["read_orders", "write_discounts"],
  isEmbeddedApp: false,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

beforeAll(async () => {
  sim = createShopifySimulator({ appSecret: SECRET, apiKey: API_KEY });
  ({ url } = await sim.listen(0));
});

afterAll(async () => {
  await sim.close();
});

async function authorize(params: Record<string, string>, headers: Record<string, string> = {}): Promise<URLSearchParams> {
  const res = await fetch(`${url}/admin/oauth/authorize?${new URLSearchParams(params)}`, { redirect: "manual", headers });
  expect(res.status).toBe(302);
  const location = new URL(res.headers.get("location") ?? "");
  expect(`${location.origin}${location.pathname}`).toBe("https://app.example.com/auth/callback");
  return location.searchParams;
}

async function token(body: Record<string, unknown>, shop = SHOP): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${url}/admin/oauth/access_token`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json", "X-Shopify-Shop-Domain": shop },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const begin = { client_id: API_KEY, scope: "read_orders,write_discounts", redirect_uri: "https://app.example.com/auth/callback", state: "nonce-123" };

describe("OAuth authorization code grant", () => {
  it("redirects with code/hmac/host/shop/state/timestamp and an HMAC @shopify/shopify-api accepts", async () => {
    const q = await authorize({ ...begin, shop: SHOP });
    expect([...q.keys()].sort()).toEqual(["code", "hmac", "host", "shop", "state", "timestamp"]);
    expect(q.get("shop")).toBe(SHOP);
    expect(q.get("state")).toBe("nonce-123");
    expect(Buffer.from(q.get("host") ?? "", "base64").toString()).toBe("admin.shopify.com/store/oauth-shop");
    const query = Object.fromEntries(q);
    expect(await shopify.utils.validateHmac(query)).toBe(true);
    expect(await shopify.utils.validateHmac({ ...query, state: "tampered" })).toBe(false);
    // Same rule spelled out: hex HMAC-SHA256 of the sorted, URL-encoded params without hmac.
    const { hmac, ...rest } = query;
    const message = new URLSearchParams(Object.entries(rest).sort(([a], [b]) => a.localeCompare(b))).toString();
    expect(hmac).toBe(createHmac("sha256", SECRET).update(message).digest("hex"));
    expect(oauthQueryHmac(rest, SECRET)).toBe(hmac);
  });

  it("exchanges the code once for a token that works on the Admin API", async () => {
    const q = await authorize(begin, { "X-Shopify-Shop-Domain": SHOP });
    const code = q.get("code") ?? "";
    const res = await token({ client_id: API_KEY, client_secret: SECRET, code, expiring: "0" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(["access_token", "scope"]);
    expect(res.json.scope).toBe("read_orders,write_discounts");
    const gql = await fetch(`${url}/admin/api/2026-07/graphql.json`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": String(res.json.access_token), "X-Shopify-Shop-Domain": SHOP },
      body: JSON.stringify({ query: "{ shop { myshopifyDomain } }" }),
    });
    expect(gql.status).toBe(200);
    expect(((await gql.json()) as { data: unknown }).data).toEqual({ shop: { myshopifyDomain: SHOP } });
    const reused = await token({ client_id: API_KEY, client_secret: SECRET, code });
    expect(reused.status).toBe(400);
    expect(reused.json.error).toBe("invalid_request");
  });

  it("expiring=1 returns expires_in/refresh_token; refresh_token grant rotates the refresh token", async () => {
    const q = await authorize({ ...begin, shop: SHOP });
    const first = await token({ client_id: API_KEY, client_secret: SECRET, code: q.get("code"), expiring: "1" });
    expect(first.json).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 7776000, scope: "read_orders,write_discounts" });
    expect(String(first.json.refresh_token)).toMatch(/^shprt_/);
    const refreshed = await token({ client_id: API_KEY, client_secret: SECRET, grant_type: "refresh_token", refresh_token: first.json.refresh_token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.access_token).not.toBe(first.json.access_token);
    expect(refreshed.json.refresh_token).not.toBe(first.json.refresh_token);
    const replay = await token({ client_id: API_KEY, client_secret: SECRET, grant_type: "refresh_token", refresh_token: first.json.refresh_token });
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe("invalid_grant");
    // @shopify/shopify-api's own refreshToken() against the simulator: its fetch is pointed at the
    // simulator by rewriting https://{shop}/… and adding X-Shopify-Shop-Domain (what the app does).
    setAbstractFetchFunc(async (input: RequestInfo | URL, init?: RequestInit) => {
      const target = new URL(typeof input === "string" || input instanceof URL ? input.toString() : input.url);
      const headers = new Headers(init?.headers);
      headers.set("X-Shopify-Shop-Domain", target.host);
      return fetch(`${url}${target.pathname}${target.search}`, { ...init, headers });
    });
    try {
      const { session } = await shopify.auth.refreshToken({ shop: SHOP, refreshToken: String(refreshed.json.refresh_token) });
      expect(session.accessToken).toMatch(/^shpat_/);
      expect(session.refreshToken).toMatch(/^shprt_/);
      expect(session.expires?.getTime()).toBeGreaterThan(Date.now() + 3_000_000);
      expect(session.scope).toBe("read_orders,write_discounts");
    } finally {
      setAbstractFetchFunc(globalThis.fetch);
    }
  });

  it("rejects a wrong client secret or client id", async () => {
    const q = await authorize({ ...begin, shop: SHOP });
    const bad = await token({ client_id: API_KEY, client_secret: "nope", code: q.get("code") });
    expect(bad).toMatchObject({ status: 400, json: { error: "invalid_client" } });
    const res = await fetch(`${url}/admin/oauth/authorize?${new URLSearchParams({ ...begin, client_id: "other", shop: SHOP })}`, { redirect: "manual" });
    expect(res.status).toBe(400);
  });

  it("token exchange: a session token signed with the app secret gets an offline token", async () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const now = Math.floor(Date.now() / 1000);
    const head = b64({ alg: "HS256", typ: "JWT" });
    const payload = b64({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY, sub: "42", exp: now + 60, nbf: now - 5, iat: now, jti: "x", sid: "y" });
    const sig = createHmac("sha256", SECRET).update(`${head}.${payload}`).digest("base64url");
    const res = await token({
      client_id: API_KEY,
      client_secret: SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: `${head}.${payload}.${sig}`,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
      expiring: "1",
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ expires_in: 3600 });
    const forged = await token({
      client_id: API_KEY,
      client_secret: SECRET,
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: `${head}.${payload}.AAAA`,
    });
    expect(forged.status).toBe(400);
  });
});
