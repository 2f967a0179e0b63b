import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberships, shopifyOauthStates, shops } from "@/db/schema";
import { appUrl, shopifyApiKey } from "@/lib/env";
import { createTestBrand, uniq } from "@/test/factories";
import { decryptSecret } from "@/lib/shopify/crypto";
import { getShopByDomain } from "./get-connected-shop";
import { beginOAuthInstall, completeOAuthCallback, handleInstallRequest, handleOAuthCallback, OAUTH_CALLBACK_PATH } from "./oauth-install";
import { SHOPIFY_WEBHOOK_PATH } from "./register-webhooks";
import { simulatorForFile } from "@/test/simulator-for-file";

// Started before anything reads the (cached) configuration.
const h = simulatorForFile();

/** `name=value` pairs of the Set-Cookie headers, as the browser would send them back. */
function cookieHeader(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** Begins an install as the brand's owner and follows Shopify's (the simulator's) authorize redirect. */
async function startInstall(opts: { shop?: string } = {}) {
  const brand = await createTestBrand(h.db);
  const shop = opts.shop ?? `oa-${uniq()}.myshopify.com`;
  if (!h.env.sim.store.getShop(shop)) h.env.sim.createShop({ domain: shop, name: "Glow OAuth", currency: "GBP" });
  const begun = await beginOAuthInstall(h.db, {
    request: new Request(`${appUrl()}/api/shopify/install?workspace=${brand.workspace.slug}&shop=${shop}`),
    workspaceId: brand.workspace.id,
    userId: brand.user.id,
    shop,
  });
  expect(begun.status).toBe(302);
  const authorizeUrl = new URL(begun.headers.get("Location")!);
  const state = authorizeUrl.searchParams.get("state")!;
  const approved = await fetch(authorizeUrl, { redirect: "manual" });
  expect(approved.status).toBe(302);
  const callbackUrl = new URL(approved.headers.get("Location")!);
  return { brand, shop, begun, authorizeUrl, state, callbackUrl, cookie: cookieHeader(begun) };
}

const callbackRequest = (url: URL | string, cookie: string | null) => new Request(url, cookie ? { headers: { cookie } } : {});

describe("beginOAuthInstall", () => {
  it("records the state and redirects to the (simulated) authorize page with the state cookie", async () => {
    const { brand, shop, authorizeUrl, state, begun, callbackUrl } = await startInstall();
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(`${h.env.server.url}/admin/oauth/authorize`);
    expect(authorizeUrl.searchParams.get("shop")).toBe(shop);
    expect(authorizeUrl.searchParams.get("client_id")).toBe(shopifyApiKey());
    // shopify-api drops read_discounts from the request: write_discounts implies it.
    expect(authorizeUrl.searchParams.get("scope")?.split(",").sort()).toEqual(["read_all_orders", "read_orders", "write_discounts"]);
    expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(`${appUrl()}${OAUTH_CALLBACK_PATH}`);
    expect(begun.headers.getSetCookie().join("\n")).toMatch(/shopify_app_state=/);

    const [row] = await h.db.select().from(shopifyOauthStates).where(eq(shopifyOauthStates.state, state));
    expect(row).toMatchObject({ workspaceId: brand.workspace.id, userId: brand.user.id, shopDomain: shop, usedAt: null });
    expect(row!.expiresAt.getTime()).toBeGreaterThan(Date.now() + 9 * 60_000);
    expect(callbackUrl.searchParams.get("state")).toBe(state);
  });

  it("the install route sends signed-out users to sign in and members without admin rights back", async () => {
    const res = await handleInstallRequest(h.db, { request: new Request(`${appUrl()}/api/shopify/install?workspace=x&shop=a.myshopify.com`), userId: null });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toContain("/sign-in?callbackUrl=");

    const brand = await createTestBrand(h.db);
    const unknown = await handleInstallRequest(h.db, { request: new Request(`${appUrl()}/api/shopify/install?workspace=nope-${uniq()}&shop=a.myshopify.com`), userId: brand.user.id });
    expect(unknown.status).toBe(404);

    const bad = await handleInstallRequest(h.db, {
      request: new Request(`${appUrl()}/api/shopify/install?workspace=${brand.workspace.slug}&shop=not-a-shop.example.com`),
      userId: brand.user.id,
    });
    expect(bad.headers.get("Location")).toBe(`${appUrl()}/brand/${brand.workspace.slug}/settings?error=invalid_shop`);
  });
});

describe("completeOAuthCallback", () => {
  it("stores an encrypted expiring token, registers webhooks, and redirects to settings", async () => {
    const { brand, shop, callbackUrl, cookie, state } = await startInstall();
    const res = await handleOAuthCallback(h.db, { request: callbackRequest(callbackUrl, cookie), userId: brand.user.id });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${appUrl()}/brand/${brand.workspace.slug}/settings?connected=1`);
    expect(res.headers.getSetCookie().join("\n")).toMatch(/shopify_app_state=; Path=\/api\/shopify\/callback; Max-Age=0/);

    const row = await getShopByDomain(h.db, shop);
    expect(row).toMatchObject({ workspaceId: brand.workspace.id, status: "connected", installKind: "oauth", name: "Glow OAuth", currency: "GBP" });
    const token = decryptSecret(row!.accessTokenEnc!);
    expect(row!.accessTokenEnc).not.toContain(token);
    expect(h.env.sim.store.authenticate(token)?.shop).toBe(shop);
    expect(h.env.sim.store.tokens.get(token)?.expiresAt).not.toBeNull(); // expiring offline token
    expect(row!.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    expect(decryptSecret(row!.refreshTokenEnc!)).toMatch(/^shprt_/);
    expect(row!.refreshTokenExpiresAt).toBeInstanceOf(Date);
    expect(row!.scopes).toContain("read_orders");
    expect(row!.webhooksRegisteredAt).toBeInstanceOf(Date);
    const subs = [...h.env.sim.store.requireShop(shop).webhookSubscriptions.values()];
    expect(subs.map((s) => s.topic).sort()).toEqual(["app/uninstalled", "orders/cancelled", "orders/create", "orders/updated", "refunds/create"]);
    expect(subs.every((s) => s.uri === `${appUrl()}${SHOPIFY_WEBHOOK_PATH}`)).toBe(true);

    const [spent] = await h.db.select().from(shopifyOauthStates).where(eq(shopifyOauthStates.state, state));
    expect(spent!.usedAt).toBeInstanceOf(Date);
    // A replay of the same redirect is refused.
    const replay = await completeOAuthCallback(h.db, { request: callbackRequest(callbackUrl, cookie), userId: brand.user.id });
    expect(replay).toEqual({ ok: false, code: "state_used", workspaceSlug: brand.workspace.slug });
  });

  it("rejects a bad HMAC and stores nothing", async () => {
    const { brand, shop, callbackUrl, cookie, state } = await startInstall();
    const forged = new URL(callbackUrl);
    const hmac = forged.searchParams.get("hmac")!;
    forged.searchParams.set("hmac", `${hmac[0] === "0" ? "1" : "0"}${hmac.slice(1)}`);
    const res = await handleOAuthCallback(h.db, { request: callbackRequest(forged, cookie), userId: brand.user.id });
    expect(res.headers.get("Location")).toBe(`${appUrl()}/brand/${brand.workspace.slug}/settings?error=invalid_hmac`);

    // A code swapped into a signed URL breaks the HMAC too.
    const swapped = new URL(callbackUrl);
    swapped.searchParams.set("code", "someone-elses-code");
    expect(await completeOAuthCallback(h.db, { request: callbackRequest(swapped, cookie), userId: brand.user.id })).toMatchObject({ code: "invalid_hmac" });

    expect(await getShopByDomain(h.db, shop)).toBeNull();
    const [row] = await h.db.select().from(shopifyOauthStates).where(eq(shopifyOauthStates.state, state));
    expect(row!.usedAt).toBeNull();
  });

  it("rejects a missing or unknown state, or a state cookie from another browser, and stores nothing", async () => {
    const { brand, shop, callbackUrl, cookie } = await startInstall();

    const missing = new URL(callbackUrl);
    missing.searchParams.delete("state");
    const page = await handleOAuthCallback(h.db, { request: callbackRequest(missing, cookie), userId: brand.user.id });
    expect(page.status).toBe(400); // no workspace to go back to: a plain page, not a stack trace
    expect(page.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/invalid or has expired/);

    const unknown = new URL(callbackUrl);
    unknown.searchParams.set("state", `x${uniq()}`);
    expect(await completeOAuthCallback(h.db, { request: callbackRequest(unknown, cookie), userId: brand.user.id })).toEqual({
      ok: false,
      code: "invalid_state",
      workspaceSlug: null,
    });

    // The right state in the URL but no signed state cookie (another browser): shopify-api refuses.
    expect(await completeOAuthCallback(h.db, { request: callbackRequest(callbackUrl, null), userId: brand.user.id })).toMatchObject({
      ok: false,
      code: "invalid_state",
      workspaceSlug: brand.workspace.slug,
    });
    expect(await getShopByDomain(h.db, shop)).toBeNull();
  });

  it("rejects a callback for a foreign shop domain and stores nothing", async () => {
    const { brand, shop, state, cookie, authorizeUrl } = await startInstall();
    // The same state, approved on another store: a validly signed redirect for the wrong shop.
    const foreign = `foreign-${uniq()}.myshopify.com`;
    h.env.sim.createShop({ domain: foreign });
    const other = new URL(authorizeUrl);
    other.searchParams.set("shop", foreign);
    const approved = await fetch(other, { redirect: "manual" });
    const foreignCallback = new URL(approved.headers.get("Location")!);
    expect(foreignCallback.searchParams.get("shop")).toBe(foreign);
    expect(foreignCallback.searchParams.get("state")).toBe(state);

    const res = await handleOAuthCallback(h.db, { request: callbackRequest(foreignCallback, cookie), userId: brand.user.id });
    expect(res.headers.get("Location")).toBe(`${appUrl()}/brand/${brand.workspace.slug}/settings?error=shop_mismatch`);
    expect(await getShopByDomain(h.db, foreign)).toBeNull();
    expect(await getShopByDomain(h.db, shop)).toBeNull();
    expect(await h.db.select().from(shops).where(eq(shops.workspaceId, brand.workspace.id))).toEqual([]);
  });

  it("rejects another signed-in member and a signed-out browser", async () => {
    const { brand, callbackUrl, cookie } = await startInstall();
    const intruder = await createTestBrand(h.db);
    expect(await completeOAuthCallback(h.db, { request: callbackRequest(callbackUrl, cookie), userId: intruder.user.id })).toMatchObject({ code: "wrong_user" });
    expect(await completeOAuthCallback(h.db, { request: callbackRequest(callbackUrl, cookie), userId: null })).toMatchObject({ code: "signed_out" });
    // Demoted to member while on Shopify's pages.
    await h.db.update(memberships).set({ role: "member" }).where(eq(memberships.userId, brand.user.id));
    expect(await completeOAuthCallback(h.db, { request: callbackRequest(callbackUrl, cookie), userId: brand.user.id })).toMatchObject({ code: "forbidden" });
    expect(await h.db.select().from(shops).where(eq(shops.workspaceId, brand.workspace.id))).toEqual([]);
  });

  it("refuses at begin a store that belongs to another workspace", async () => {
    const { brand, shop, callbackUrl, cookie } = await startInstall();
    await handleOAuthCallback(h.db, { request: callbackRequest(callbackUrl, cookie), userId: brand.user.id });
    const other = await createTestBrand(h.db);
    const res = await handleInstallRequest(h.db, {
      request: new Request(`${appUrl()}/api/shopify/install?workspace=${other.workspace.slug}&shop=${shop}`),
      userId: other.user.id,
    });
    expect(res.headers.get("Location")).toBe(`${appUrl()}/brand/${other.workspace.slug}/settings?error=shop_taken`);
  });
});
