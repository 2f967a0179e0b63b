import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { auditLog, shops } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { ListeningSimulator, ShopifySimulator } from "@tally/shopify-simulator";
import { startSimulator } from "@/test/simulator";
import { createTestBrand, uniq } from "@/test/factories";
import { adminGraphqlWithToken, type AdminClientEvent } from "@/lib/shopify/admin-graphql";
import { decryptSecret, encryptSecret } from "@/lib/shopify/crypto";
import { SHOP_INFO_QUERY } from "@/lib/shopify/documents";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { shopifyGraphql } from "./shop-graphql";

let sim: ShopifySimulator;
let server: ListeningSimulator;
let db: Db;
/** The simulator's time, which a test may hold still: a held bucket restores nothing until let go. */
let heldAt: number | null = null;
const clock = { now: () => heldAt ?? Date.now() };

beforeAll(async () => {
  // Before anything reads the (cached) configuration.
  ({ sim, server } = await startSimulator({ clock }));
  db = await getDb();
});
afterAll(async () => {
  await server.close();
});

const ZShop = z.object({ shop: z.object({ name: z.string(), currencyCode: z.string(), myshopifyDomain: z.string() }) }).passthrough();

/** A simulator store and a connected shop row for it (token as given, encrypted). */
async function connectedShop(opts: { expiring?: boolean; expiresInMs?: number } = {}) {
  const { workspace } = await createTestBrand(db);
  const domain = `ac-${uniq()}.myshopify.com`;
  sim.createShop({ domain, name: "Glow Test", currency: "EUR" });
  const rec = sim.store.issueToken(domain, { expiring: opts.expiring ?? false });
  const [row] = await db
    .insert(shops)
    .values({
      workspaceId: workspace.id,
      domain,
      status: "connected",
      installKind: opts.expiring ? "oauth" : "custom_app",
      accessTokenEnc: encryptSecret(rec.token),
      accessTokenExpiresAt: opts.expiring ? new Date(Date.now() + (opts.expiresInMs ?? 3_600_000)) : null,
      refreshTokenEnc: rec.refreshToken ? encryptSecret(rec.refreshToken) : null,
      refreshTokenExpiresAt: rec.refreshTokenExpiresAt ? new Date(rec.refreshTokenExpiresAt) : null,
      connectedAt: new Date(),
    })
    .returning();
  return { row: row!, domain, token: rec, workspaceId: workspace.id };
}

const tokensOf = (domain: string) => [...sim.store.tokens.values()].filter((t) => t.shop === domain);

describe("shopifyGraphql", () => {
  it("decrypts the token, calls the shop through SHOPIFY_ADMIN_ORIGIN and validates data", async () => {
    const { row, domain } = await connectedShop();
    const data = await shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { schema: ZShop });
    expect(data.shop).toEqual({ name: "Glow Test", currencyCode: "EUR", myshopifyDomain: domain });
  });

  it("maps GraphQL errors to ShopifyApiError and schema mismatches to invalid_response", async () => {
    const { row } = await connectedShop();
    const bad = await shopifyGraphql(db, row, "query Nope { shop { nope } }").catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ShopifyApiError);
    expect((bad as ShopifyApiError).kind).toBe("graphql");
    expect((bad as ShopifyApiError).errors[0]?.message).toMatch(/nope/);

    const mismatch = await shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { schema: z.object({ shop: z.object({ name: z.number() }) }) }).catch(
      (e: unknown) => e,
    );
    expect((mismatch as ShopifyApiError).kind).toBe("invalid_response");
  });

  it("waits out THROTTLED on a small bucket and every request succeeds", async () => {
    const { row, domain } = await connectedShop();
    // 12 points, 100 per second: the shop query asks for 3, so only 4 fit at once.
    sim.bucketFor(sim.store.requireShop(domain)).setLimits({ maximumAvailable: 12, restoreRate: 100 });
    sim.bucketFor(sim.store.requireShop(domain)).setAvailable(12);
    const events: AdminClientEvent[] = [];
    // Time held still, the bucket restores nothing: four requests fit and every other one is
    // throttled, however slowly a busy machine sends them. Time moves again after ten throttles.
    heldAt = Date.now();
    const onEvent = (e: AdminClientEvent) => {
      events.push(e);
      if (e.type === "throttled" && events.filter((x) => x.type === "throttled").length >= 10) heldAt = null;
    };
    // allSettled: a failure must not leave requests running into the next test.
    const settled = await Promise.allSettled(
      Array.from({ length: 30 }, () => shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { schema: ZShop, onEvent })),
    ).finally(() => {
      heldAt = null;
    });
    expect(settled.filter((r) => r.status === "rejected")).toEqual([]);
    expect(settled.every((r) => r.status === "fulfilled" && r.value.shop.myshopifyDomain === domain)).toBe(true);
    const throttled = events.filter((e) => e.type === "throttled");
    expect(throttled.length).toBeGreaterThan(0);
    // The wait is what Shopify's numbers say: (requested − available) / restoreRate, plus jitter.
    for (const e of throttled) if (e.type === "throttled") expect(e.waitMs).toBeGreaterThanOrEqual(((e.requestedQueryCost - e.currentlyAvailable) / 100) * 1000);

    // Later calls know the bucket and the cost: they wait before sending instead of being throttled.
    const later: AdminClientEvent[] = [];
    const again = await Promise.allSettled(Array.from({ length: 12 }, () => shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { onEvent: (e) => later.push(e) })));
    expect(again.filter((r) => r.status === "rejected")).toEqual([]);
    expect(later.some((e) => e.type === "wait")).toBe(true);
    expect(later.filter((e) => e.type === "throttled").length).toBeLessThan(throttled.length);
  });

  it("retries transient failures (5xx, network) with backoff", async () => {
    const { row } = await connectedShop();
    const realFetch = globalThis.fetch;
    let calls = 0;
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      calls++;
      if (calls === 1) return new Response("upstream hiccup", { status: 502 });
      if (calls === 2) throw new TypeError("fetch failed");
      return realFetch(input, init);
    });
    try {
      const events: AdminClientEvent[] = [];
      const data = await shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { schema: ZShop, baseDelayMs: 10, onEvent: (e) => events.push(e) });
      expect(data.shop.name).toBe("Glow Test");
      expect(events.filter((e) => e.type === "retry").map((e) => (e.type === "retry" ? e.reason : ""))).toEqual(["http 502", "network"]);
    } finally {
      spy.mockRestore();
    }
  });

  it("gives up after maxAttempts with a typed error", async () => {
    const { row } = await connectedShop();
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response("down", { status: 503 }));
    try {
      const error = await shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { baseDelayMs: 1, maxAttempts: 3 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShopifyApiError);
      expect((error as ShopifyApiError).status).toBe(503);
      expect(spy).toHaveBeenCalledTimes(3);
    } finally {
      spy.mockRestore();
    }
  });

  it("a 401 marks the shop as needing reconnection and throws a clear AppError", async () => {
    const { row, domain } = await connectedShop();
    sim.store.revokeShopTokens(domain);
    const error = await shopifyGraphql(db, row, SHOP_INFO_QUERY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details?.reason).toBe("shopify_reconnect_required");
    expect((error as AppError).message).toMatch(/Reconnect/);
    const [after] = await db.select().from(shops).where(eq(shops.id, row.id));
    expect(after).toMatchObject({ status: "disconnected", accessTokenEnc: null });
    const audits = await db.select().from(auditLog).where(eq(auditLog.targetId, row.id));
    expect(audits.map((a) => a.action)).toContain("shop.reconnect_required");
    // Without a token there is nothing to try.
    await expect(shopifyGraphql(db, after!, SHOP_INFO_QUERY)).rejects.toThrow(/Reconnect/);
  });

  it("adminGraphqlWithToken reports a bad token as unauthorized", async () => {
    const domain = `raw-${uniq()}.myshopify.com`;
    sim.createShop({ domain });
    const error = await adminGraphqlWithToken(domain, "shpat_not_a_real_token", SHOP_INFO_QUERY).catch((e: unknown) => e);
    expect((error as ShopifyApiError).kind).toBe("unauthorized");
  });
});

describe("expiring offline tokens", () => {
  it("refreshes once, under the per-shop lock, when many calls find < 5 minutes left", async () => {
    const { row, domain, token } = await connectedShop({ expiring: true, expiresInMs: 60_000 });
    expect(tokensOf(domain)).toHaveLength(2); // the shop's original + ours
    const events: AdminClientEvent[] = [];
    const results = await Promise.all(
      Array.from({ length: 8 }, () => shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { schema: ZShop, onEvent: (e) => events.push(e) })),
    );
    expect(results).toHaveLength(8);
    expect(events.filter((e) => e.type === "token_refreshed")).toHaveLength(1);
    // One refresh = one new token at Shopify; the rotated refresh token was used exactly once.
    expect(tokensOf(domain)).toHaveLength(3);
    const [after] = await db.select().from(shops).where(eq(shops.id, row.id));
    const newToken = decryptSecret(after!.accessTokenEnc!);
    expect(newToken).not.toBe(token.token);
    expect(sim.store.authenticate(newToken)).not.toBeNull();
    expect(decryptSecret(after!.refreshTokenEnc!)).not.toBe(token.refreshToken);
    expect(after!.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    // The stale row object still works: its token is refreshed → the lock sees the new one, no 2nd refresh.
    const again: AdminClientEvent[] = [];
    await shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { onEvent: (e) => again.push(e) });
    expect(again.filter((e) => e.type === "token_refreshed")).toHaveLength(0);
    expect(tokensOf(domain)).toHaveLength(3);
  });

  it("a 401 on an expiring token gets one forced refresh", async () => {
    const { row, token } = await connectedShop({ expiring: true });
    sim.store.tokens.get(token.token)!.revoked = true; // revoked early, refresh token still valid
    const events: AdminClientEvent[] = [];
    const data = await shopifyGraphql(db, row, SHOP_INFO_QUERY, {}, { schema: ZShop, onEvent: (e) => events.push(e) });
    expect(data.shop.name).toBe("Glow Test");
    expect(events.filter((e) => e.type === "token_refreshed")).toHaveLength(1);
  });

  it("a refused refresh (uninstalled) marks the shop for reconnection", async () => {
    const { row, domain } = await connectedShop({ expiring: true, expiresInMs: 60_000 });
    sim.store.revokeShopTokens(domain); // also drops the refresh tokens
    await expect(shopifyGraphql(db, row, SHOP_INFO_QUERY)).rejects.toThrow(/Reconnect the store/);
    const [after] = await db.select().from(shops).where(eq(shops.id, row.id));
    expect(after).toMatchObject({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null });
  });
});
