import { BotActivityDetected, CookieNotFound, HttpResponseError, InvalidHmacError, InvalidOAuthError } from "@shopify/shopify-api";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shopifyOauthStates, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { appUrl, env } from "@/lib/env";
import { getBrandAccessOrThrow } from "@/lib/workspaces/get-brand-access";
import { adminOrigin, shopifyApp } from "@/lib/shopify/shopify-app";
import { assertShopConnectable, completeOAuthInstall } from "./connect-shop";
import { normalizeShopDomain } from "./shop-domain";
import type { ShopSummary } from "./shop-summary";
import { logError } from "@/lib/log";

/**
 * Shopify's authorization-code install for a brand workspace:
 *   GET /api/shopify/install?workspace={slug}&shop={domain}  (signed-in admin) → Shopify's consent page
 *   GET /api/shopify/callback?code&hmac&shop&state&timestamp  → token, shop stored, back to Settings
 * shopify-api does the protocol (signed state cookie, query HMAC, code exchange); Tally binds the
 * state to a workspace, a member and a shop in `shopify_oauth_states`, one use, ten minutes.
 */
export const OAUTH_INSTALL_PATH = "/api/shopify/install";
export const OAUTH_CALLBACK_PATH = "/api/shopify/callback";
const STATE_TTL_MS = 10 * 60_000;
/** shopify-api's signed state cookie (and its signature), scoped to the callback path. */
const STATE_COOKIES = ["shopify_app_state", "shopify_app_state.sig"];

// ------------------------------------------------------------------------------------------ begin

/**
 * Starts an offline-token install of `shop` for the workspace: records the state and answers the
 * redirect to Shopify's authorize page (to the simulator when SHOPIFY_ADMIN_ORIGIN is set) with
 * shopify-api's state cookie. The caller has checked that the user administers the workspace.
 */
export async function beginOAuthInstall(
  db: Db,
  input: { request: Request; workspaceId: string; userId: string; shop: string },
): Promise<Response> {
  const shop = normalizeShopDomain(input.shop);
  await assertShopConnectable(db, { workspaceId: input.workspaceId, shop });
  const begun: unknown = await shopifyApp().auth.begin({
    shop,
    callbackPath: OAUTH_CALLBACK_PATH,
    isOnline: false,
    rawRequest: input.request,
  });
  if (!(begun instanceof Response) || begun.status !== 302) {
    // 410: shopify-api took the user agent for a bot.
    throw new AppError("bad_request", "Shopify's install could not be started from this browser.", { reason: "install_refused" });
  }
  const authorize = new URL(begun.headers.get("Location") ?? "");
  const state = authorize.searchParams.get("state");
  if (!state) throw new Error("shopify-api returned an authorize URL without state");
  await db.insert(shopifyOauthStates).values({
    state,
    workspaceId: input.workspaceId,
    userId: input.userId,
    shopDomain: shop,
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });

  let location = authorize.toString();
  if (env().SHOPIFY_ADMIN_ORIGIN) {
    // The browser cannot send X-Shopify-Shop-Domain on a redirect: name the shop in the query.
    const simulated = new URL(`${authorize.pathname}${authorize.search}`, adminOrigin(shop));
    simulated.searchParams.set("shop", shop);
    location = simulated.toString();
  }
  const headers = new Headers(begun.headers);
  headers.set("Location", location);
  headers.set("Cache-Control", "no-store");
  return new Response(null, { status: 302, headers });
}

/** Short codes for `?error=` on the settings page. */
export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_shop"
  | "invalid_hmac"
  | "invalid_state"
  | "state_used"
  | "state_expired"
  | "signed_out"
  | "wrong_user"
  | "shop_mismatch"
  | "token_exchange_failed"
  | "token_rejected"
  | "shop_taken"
  | "workspace_has_shop"
  | "forbidden"
  | "install_refused"
  | "install_failed";

function codeOfAppError(error: AppError): OAuthErrorCode {
  const reason = error.details?.reason;
  if (reason === "shop_taken" || reason === "workspace_has_shop" || reason === "install_refused") return reason;
  if (error.code === "validation_failed") return error.details?.fields && "shop" in (error.details.fields as object) ? "invalid_shop" : "token_rejected";
  if (error.code === "forbidden") return "forbidden";
  return "install_failed";
}

/**
 * The install route's logic, given the signed-in user (or null): every outcome is a redirect or a
 * short plain page, never a stack trace.
 */
export async function handleInstallRequest(db: Db, input: { request: Request; userId: string | null }): Promise<Response> {
  const url = new URL(input.request.url);
  const slug = url.searchParams.get("workspace") ?? "";
  const shop = url.searchParams.get("shop") ?? "";
  if (!input.userId) {
    return redirectTo(`/sign-in?callbackUrl=${encodeURIComponent(`${OAUTH_INSTALL_PATH}${url.search}`)}`);
  }
  if (!slug) return plainPage(400, "This install link is missing its workspace. Start again from your workspace settings.");
  let workspaceId: string;
  try {
    const access = await getBrandAccessOrThrow(db, { userId: input.userId, slug, role: "admin" });
    workspaceId = access.workspace.id;
  } catch (error) {
    if (error instanceof AppError && error.code === "forbidden") return settingsRedirect(slug, { error: "forbidden" });
    if (error instanceof AppError && error.code === "not_found") return plainPage(404, "Workspace not found.");
    throw error;
  }
  try {
    return await beginOAuthInstall(db, { request: input.request, workspaceId, userId: input.userId, shop });
  } catch (error) {
    if (error instanceof AppError) return settingsRedirect(slug, { error: codeOfAppError(error) });
    logError("shopify install failed", error);
    return settingsRedirect(slug, { error: "install_failed" });
  }
}

// ------------------------------------------------------------------------------------------ callback

export type OAuthCallbackOutcome =
  | { ok: true; workspaceSlug: string; shop: ShopSummary }
  | { ok: false; code: OAuthErrorCode; workspaceSlug: string | null };

/**
 * Completes an install from Shopify's redirect. Order matters: the state row is read first only to
 * know which workspace to send the browser back to; then the query HMAC is checked (nothing unsigned
 * is trusted); then the recorded state (unused, unexpired, same member, still an admin, and the very
 * shop the member asked for — a callback for another store is refused before any token is
 * requested); then the state is spent (one use, even under a double submit); then shopify-api
 * re-checks HMAC + the signed state cookie and exchanges the code for an expiring offline token;
 * and the shop is connected like a custom app (token check, webhooks, audit).
 */
export async function completeOAuthCallback(db: Db, input: { request: Request; userId: string | null }): Promise<OAuthCallbackOutcome> {
  const query = Object.fromEntries(new URL(input.request.url).searchParams);
  const fail = (code: OAuthErrorCode, workspaceSlug: string | null): OAuthCallbackOutcome => ({ ok: false, code, workspaceSlug });

  const [recorded] = query.state
    ? await db
        .select({ state: shopifyOauthStates, slug: workspaces.slug })
        .from(shopifyOauthStates)
        .innerJoin(workspaces, eq(workspaces.id, shopifyOauthStates.workspaceId))
        .where(eq(shopifyOauthStates.state, query.state))
        .limit(1)
    : [];
  if (!recorded) return fail("invalid_state", null);
  const { state, slug } = recorded;

  if (!query.code || !query.shop || !query.hmac) return fail("invalid_request", slug);
  try {
    if (!(await shopifyApp().utils.validateHmac(query))) return fail("invalid_hmac", slug);
  } catch (error) {
    // Missing hmac, or a timestamp more than 90 s away: a replayed or forged redirect.
    if (error instanceof InvalidHmacError) return fail("invalid_hmac", slug);
    throw error;
  }
  if (state.usedAt) return fail("state_used", slug);
  if (state.expiresAt.getTime() < Date.now()) return fail("state_expired", slug);
  if (!input.userId) return fail("signed_out", slug);
  if (input.userId !== state.userId) return fail("wrong_user", slug);
  if (query.shop.toLowerCase() !== state.shopDomain) return fail("shop_mismatch", slug);
  try {
    // Still an admin of the workspace (roles can change in the minutes spent on Shopify's pages).
    await getBrandAccessOrThrow(db, { userId: input.userId, slug, role: "admin" });
  } catch (error) {
    if (error instanceof AppError) return fail("forbidden", slug);
    throw error;
  }

  const spent = await db
    .update(shopifyOauthStates)
    .set({ usedAt: new Date() })
    .where(and(eq(shopifyOauthStates.state, state.state), isNull(shopifyOauthStates.usedAt)))
    .returning({ state: shopifyOauthStates.state });
  if (spent.length === 0) return fail("state_used", slug);

  let session;
  try {
    ({ session } = await shopifyApp().auth.callback({ rawRequest: input.request, expiring: true }));
  } catch (error) {
    // The signed state cookie is missing (other browser, or older than shopify-api's 60 s) or differs.
    if (error instanceof CookieNotFound || error instanceof InvalidOAuthError) return fail("invalid_state", slug);
    if (error instanceof BotActivityDetected) return fail("install_refused", slug);
    if (!(error instanceof HttpResponseError)) logError("shopify oauth callback failed", error);
    return fail("token_exchange_failed", slug);
  }
  if (session.shop !== state.shopDomain || !session.accessToken) return fail("shop_mismatch", slug);

  try {
    const shop = await completeOAuthInstall(db, {
      workspaceId: state.workspaceId,
      actorUserId: state.userId,
      shop: state.shopDomain,
      grant: {
        accessToken: session.accessToken,
        scope: session.scope ?? null,
        expiresAt: session.expires ?? null,
        refreshToken: session.refreshToken ?? null,
        refreshTokenExpiresAt: session.refreshTokenExpires ?? null,
      },
    });
    return { ok: true, workspaceSlug: slug, shop };
  } catch (error) {
    if (error instanceof AppError) return fail(codeOfAppError(error), slug);
    logError("shopify install could not be stored", error);
    return fail("install_failed", slug);
  }
}

/** The callback route's logic: the outcome as a redirect to Settings (or a plain page), state cookie cleared. */
export async function handleOAuthCallback(db: Db, input: { request: Request; userId: string | null }): Promise<Response> {
  let outcome: OAuthCallbackOutcome;
  try {
    outcome = await completeOAuthCallback(db, input);
  } catch (error) {
    logError("shopify oauth callback failed", error);
    outcome = { ok: false, code: "install_failed", workspaceSlug: null };
  }
  const response = outcome.ok
    ? settingsRedirect(outcome.workspaceSlug, { connected: "1" })
    : outcome.workspaceSlug
      ? settingsRedirect(outcome.workspaceSlug, { error: outcome.code })
      : plainPage(400, "This Shopify connection link is invalid or has expired. Start again from your workspace settings.");
  for (const name of STATE_COOKIES) {
    response.headers.append("Set-Cookie", `${name}=; Path=${OAUTH_CALLBACK_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Lax`);
  }
  return response;
}

// ------------------------------------------------------------------------------------------ responses

function redirectTo(pathAndQuery: string): Response {
  return new Response(null, { status: 302, headers: { Location: new URL(pathAndQuery, appUrl()).toString(), "Cache-Control": "no-store" } });
}

function settingsRedirect(slug: string, params: Record<string, string>): Response {
  return redirectTo(`/brand/${encodeURIComponent(slug)}/settings?${new URLSearchParams(params).toString()}`);
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal page for failures with no workspace to go back to. */
export function plainPage(status: number, message: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tally</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1 style="font-size:1.25rem">Shopify connection</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to Tally</a></p></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}
