/**
 * Shopify OAuth, as seen by an app:
 *  - GET  /admin/oauth/authorize  → auto-approves and 302s to redirect_uri with
 *    code, hmac, host, shop, state, timestamp (hmac = hex HMAC-SHA256 of the other params sorted by
 *    key and URL-encoded, keyed with the app secret — what @shopify/shopify-api validates).
 *  - POST /admin/oauth/access_token → authorization_code (optionally `expiring=1`), refresh_token,
 *    token-exchange (session token JWT) and client_credentials grants.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { systemClock } from "./clock";
import type { Simulator } from "./simulator";
import { normalizeScopes, SHOP_DOMAIN_RE, SimulatorError } from "./store";
import type { AccessTokenRecord } from "./types";

export interface HttpResult {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** hex HMAC over the query params (without hmac/signature), sorted, URL-encoded like shopify-api's ProcessedQuery. */
export function oauthQueryHmac(params: Record<string, string>, secret: string): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort((a, b) => a.localeCompare(b))) {
    if (key === "hmac" || key === "signature") continue;
    search.append(key, params[key] ?? "");
  }
  return createHmac("sha256", secret).update(search.toString()).digest("hex");
}

const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
const OFFLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:offline-access-token";
const ONLINE_TOKEN_TYPE = "urn:shopify:params:oauth:token-type:online-access-token";

function oauthError(status: number, error: string, description: string): HttpResult {
  return { status, body: { error, error_description: description } };
}

function shopHandle(domain: string): string {
  return domain.replace(/\.myshopify\.com$/, "");
}

export function authorize(sim: Simulator, query: URLSearchParams, shopHint: string | null): HttpResult {
  const clientId = query.get("client_id") ?? "";
  const redirectUri = query.get("redirect_uri") ?? "";
  const state = query.get("state") ?? "";
  const shop = (query.get("shop") ?? shopHint ?? "").toLowerCase();
  if (!shop || !SHOP_DOMAIN_RE.test(shop)) {
    return oauthError(400, "invalid_request", "Unknown shop: pass ?shop=<name>.myshopify.com or the X-Shopify-Shop-Domain header");
  }
  if (sim.apiKey && clientId !== sim.apiKey) {
    return oauthError(400, "invalid_request", `Oauth error invalid_request: The client_id "${clientId}" is not valid for this app`);
  }
  let redirect: URL;
  try {
    redirect = new URL(redirectUri);
    if (!/^https?:$/.test(redirect.protocol)) throw new Error("bad protocol");
  } catch {
    return oauthError(400, "invalid_request", "Oauth error invalid_request: The redirect_uri is missing or not a valid URL");
  }
  if (!sim.store.getShop(shop)) {
    if (!sim.autoCreateShops) return oauthError(404, "not_found", `Shop ${shop} does not exist in the simulator`);
    sim.createShop({ domain: shop });
  }
  const grantOptions = query.getAll("grant_options[]");
  const code = randomBytes(16).toString("hex");
  sim.store.authorizationCodes.set(code, {
    code,
    shop,
    clientId,
    scopes: normalizeScopes([query.get("scope") ?? ""]),
    online: grantOptions.includes("per-user"),
    expiresAt: systemClock.now() + 10 * 60_000,
  });
  const params: Record<string, string> = {
    code,
    host: Buffer.from(`admin.shopify.com/store/${shopHandle(shop)}`).toString("base64"),
    shop,
    state,
    // Real wall-clock time: apps check it against their own clock (±90 s in @shopify/shopify-api).
    timestamp: String(Math.floor(systemClock.now() / 1000)),
  };
  const hmac = oauthQueryHmac(params, sim.appSecret);
  const ordered = new URLSearchParams({ code, hmac, host: params.host ?? "", shop, state, timestamp: params.timestamp ?? "" });
  for (const [k, v] of ordered) redirect.searchParams.set(k, v);
  return { status: 302, headers: { Location: redirect.toString() }, body: null };
}

function tokenResponse(rec: AccessTokenRecord, now: number): Record<string, unknown> {
  const body: Record<string, unknown> = { access_token: rec.token, scope: rec.scopes.join(",") };
  if (rec.online && rec.expiresAt !== null) {
    body.expires_in = Math.max(0, Math.round((rec.expiresAt - now) / 1000));
    body.associated_user_scope = rec.scopes.join(",");
    body.associated_user = {
      id: 902541635,
      first_name: "Shop",
      last_name: "Owner",
      email: "owner@example.com",
      email_verified: true,
      account_owner: true,
      locale: "en",
      collaborator: false,
    };
  } else if (rec.expiresAt !== null) {
    body.expires_in = Math.max(0, Math.round((rec.expiresAt - now) / 1000));
    if (rec.refreshToken && rec.refreshTokenExpiresAt !== null) {
      body.refresh_token = rec.refreshToken;
      body.refresh_token_expires_in = Math.max(0, Math.round((rec.refreshTokenExpiresAt - now) / 1000));
    }
  }
  return body;
}

function truthy(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "true";
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function accessToken(sim: Simulator, params: Record<string, unknown>, shopHint: string | null): HttpResult {
  const str = (k: string): string => (typeof params[k] === "string" ? (params[k] as string) : "");
  const clientId = str("client_id");
  const clientSecret = str("client_secret");
  if (!clientSecret || !safeEqual(clientSecret, sim.appSecret)) {
    return oauthError(400, "invalid_client", "Client authentication failed: client_secret does not match the app");
  }
  if (sim.apiKey && clientId !== sim.apiKey) {
    return oauthError(400, "invalid_client", "Client authentication failed: unknown client_id");
  }
  const grantType = str("grant_type") || "authorization_code";
  const expiring = truthy(params.expiring);
  const now = sim.store.now();
  const hint = shopHint?.toLowerCase() ?? null;
  try {
    if (grantType === "authorization_code") {
      const code = sim.store.authorizationCodes.get(str("code"));
      if (!code || code.expiresAt < systemClock.now()) {
        return oauthError(400, "invalid_request", "The authorization code was not found or was already used");
      }
      if (hint && hint !== code.shop) return oauthError(400, "invalid_request", "The authorization code belongs to another shop");
      sim.store.authorizationCodes.delete(code.code);
      const rec = sim.store.issueToken(code.shop, { scopes: code.scopes, expiring, online: code.online });
      return { status: 200, body: tokenResponse(rec, now) };
    }
    if (grantType === "refresh_token") {
      const old = sim.store.refreshTokens.get(str("refresh_token"));
      if (!old || (old.refreshTokenExpiresAt !== null && old.refreshTokenExpiresAt <= now) || (hint && hint !== old.shop)) {
        return oauthError(400, "invalid_grant", "The refresh token is invalid, expired or was already used");
      }
      if (old.refreshToken) sim.store.refreshTokens.delete(old.refreshToken);
      const rec = sim.store.issueToken(old.shop, { scopes: old.scopes, expiring: true });
      return { status: 200, body: tokenResponse(rec, now) };
    }
    if (grantType === TOKEN_EXCHANGE) {
      const payload = verifySessionToken(str("subject_token"), sim.appSecret, sim.apiKey);
      if (!payload) return oauthError(400, "invalid_subject_token", "The session token is invalid");
      const dest = typeof payload.dest === "string" ? payload.dest.replace(/^https?:\/\//, "").replace(/\/.*$/, "") : "";
      const shop = dest.toLowerCase();
      if (!SHOP_DOMAIN_RE.test(shop)) return oauthError(400, "invalid_subject_token", "The session token has no valid dest");
      if (!sim.store.getShop(shop)) {
        if (!sim.autoCreateShops) return oauthError(404, "not_found", `Shop ${shop} does not exist in the simulator`);
        sim.createShop({ domain: shop });
      }
      const online = str("requested_token_type") === ONLINE_TOKEN_TYPE;
      if (!online && str("requested_token_type") && str("requested_token_type") !== OFFLINE_TOKEN_TYPE) {
        return oauthError(400, "invalid_request", "Unsupported requested_token_type");
      }
      const existing = [...sim.store.tokens.values()].find((t) => t.shop === shop && !t.revoked && !t.online);
      const scopes = existing?.scopes ?? normalizeScopes([str("scope") || "read_orders,write_discounts"]);
      const rec = sim.store.issueToken(shop, { scopes, expiring, online });
      return { status: 200, body: tokenResponse(rec, now) };
    }
    if (grantType === "client_credentials") {
      const shop = hint;
      if (!shop || !sim.store.getShop(shop)) return oauthError(400, "invalid_request", "client_credentials needs a known shop");
      const rec = sim.store.issueToken(shop, {});
      rec.expiresAt = now + 86_400_000;
      return { status: 200, body: { access_token: rec.token, scope: rec.scopes.join(","), expires_in: 86_399 } };
    }
  } catch (e) {
    if (e instanceof SimulatorError) return oauthError(e.status, e.code, e.message);
    throw e;
  }
  return oauthError(400, "unsupported_grant_type", `grant_type ${grantType} is not supported`);
}

/** Verifies an App Bridge session token (HS256 JWT signed with the app secret). */
export function verifySessionToken(jwt: string, secret: string, apiKey: string | null): Record<string, unknown> | null {
  const parts = jwt.split(".");
  if (parts.length !== 3) return null;
  const [h, p, sig] = parts as [string, string, string];
  const expected = createHmac("sha256", secret).update(`${h}.${p}`).digest("base64url");
  if (!safeEqual(expected, sig)) return null;
  try {
    const payload = JSON.parse(Buffer.from(p, "base64url").toString("utf8")) as Record<string, unknown>;
    const nowSec = Math.floor(systemClock.now() / 1000);
    if (typeof payload.exp === "number" && payload.exp + 10 < nowSec) return null;
    if (apiKey && payload.aud !== apiKey) return null;
    return payload;
  } catch {
    return null;
  }
}
