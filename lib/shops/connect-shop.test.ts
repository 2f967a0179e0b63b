import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, shops } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/env";
import { createTestBrand, uniq } from "@/test/factories";
import { decryptSecret } from "@/lib/shopify/crypto";
import { connectCustomApp } from "./connect-shop";
import { disconnectShop } from "./disconnect-shop";
import { normalizeShopDomain } from "./shop-domain";
import { getConnectedShop, getShopByDomain } from "./get-connected-shop";
import { registerWebhooks, SHOPIFY_WEBHOOK_PATH, WEBHOOK_TOPICS } from "./register-webhooks";
import { simulatorForFile } from "@/test/simulator-for-file";

// Started before anything reads the (cached) configuration.
const h = simulatorForFile();

function simShop(opts: { scopes?: string[] } = {}) {
  const domain = `cs-${uniq()}.myshopify.com`;
  const { token } = h.env.sim.createShop({ domain, name: "Glow Skincare", currency: "CAD", scopes: opts.scopes });
  return { domain, accessToken: token.token };
}

const subscriptionsOf = (domain: string) =>
  [...h.env.sim.store.requireShop(domain).webhookSubscriptions.values()].map((s) => ({ topic: s.topic, uri: s.uri }));

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("connectCustomApp", () => {
  it("verifies the token, stores it encrypted, registers the webhooks and audits", async () => {
    const { workspace, user } = await createTestBrand(h.db);
    const { domain, accessToken } = simShop();
    const shop = await connectCustomApp(h.db, {
      workspaceId: workspace.id,
      actorUserId: user.id,
      shop: `  ${domain.toUpperCase()} `,
      accessToken,
      webhookSecret: "custom-app-secret",
    });
    expect(shop).toMatchObject({ domain, name: "Glow Skincare", currency: "CAD", status: "connected", installKind: "custom_app" });
    expect(shop).not.toHaveProperty("accessTokenEnc");
    expect(shop.webhooksRegisteredAt).toBeInstanceOf(Date);
    expect(shop.webhookRegistrationError).toBeNull();

    const row = await getConnectedShop(h.db, workspace.id);
    expect(row?.accessTokenEnc).toMatch(/^v1:/);
    expect(row?.accessTokenEnc).not.toContain(accessToken);
    expect(decryptSecret(row!.accessTokenEnc!)).toBe(accessToken);
    expect(decryptSecret(row!.webhookSecretEnc!)).toBe("custom-app-secret");
    expect(row?.scopes).toContain("read_orders");
    expect(row?.accessTokenExpiresAt).toBeNull();
    expect((await getShopByDomain(h.db, domain.toUpperCase()))?.id).toBe(row?.id);

    const uri = `${appUrl()}${SHOPIFY_WEBHOOK_PATH}`;
    expect(subscriptionsOf(domain)).toEqual(
      expect.arrayContaining(["orders/create", "orders/updated", "orders/cancelled", "refunds/create", "app/uninstalled"].map((topic) => ({ topic, uri }))),
    );
    expect(subscriptionsOf(domain)).toHaveLength(5);

    const audits = await h.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(audits).toEqual([expect.objectContaining({ action: "shop.connected", actorKind: "user", actorId: user.id })]);
  });

  it("rejects a bad token and stores nothing", async () => {
    const { workspace, user } = await createTestBrand(h.db);
    const { domain } = simShop();
    const error = await errorOf(connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: user.id, shop: domain, accessToken: "shpat_wrong_wrong_wrong" }));
    expect(error.code).toBe("validation_failed");
    expect(error.message).toBe("Shopify rejected this access token.");
    expect(error.details).toEqual({ fields: { accessToken: ["Shopify rejected this access token."] } });
    expect(await getShopByDomain(h.db, domain)).toBeNull();
  });

  it("rejects a token of another store, a malformed domain and a token without read_orders", async () => {
    const { workspace } = await createTestBrand(h.db);
    const a = simShop();
    const b = simShop();
    const crossed = await errorOf(connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: null, shop: a.domain, accessToken: b.accessToken }));
    expect(crossed.code).toBe("validation_failed");

    const malformed = await errorOf(connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: null, shop: "https://evil.example.com", accessToken: a.accessToken }));
    expect(malformed.details).toMatchObject({ fields: { shop: [expect.stringMatching(/myshopify\.com/)] } });
    expect(() => normalizeShopDomain("shop.myshopify.com.evil.com")).toThrow(AppError);
    expect(normalizeShopDomain(" My-Shop.MyShopify.com ")).toBe("my-shop.myshopify.com");

    const readOnly = simShop({ scopes: ["read_products"] });
    const scopes = await errorOf(connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: null, shop: readOnly.domain, accessToken: readOnly.accessToken }));
    expect(scopes.message).toMatch(/read_orders/);
    expect(await getConnectedShop(h.db, workspace.id)).toBeNull();
  });

  it("refuses a store connected to another workspace, and a second store in one workspace", async () => {
    const first = await createTestBrand(h.db);
    const second = await createTestBrand(h.db);
    const { domain, accessToken } = simShop();
    await connectCustomApp(h.db, { workspaceId: first.workspace.id, actorUserId: null, shop: domain, accessToken });

    const taken = await errorOf(connectCustomApp(h.db, { workspaceId: second.workspace.id, actorUserId: null, shop: domain, accessToken }));
    expect(taken.code).toBe("conflict");
    expect(taken.details?.reason).toBe("shop_taken");

    // Still taken after the first workspace disconnects: the store's data is theirs.
    await disconnectShop(h.db, { workspaceId: first.workspace.id, reason: "test" });
    expect((await errorOf(connectCustomApp(h.db, { workspaceId: second.workspace.id, actorUserId: null, shop: domain, accessToken }))).code).toBe("conflict");

    const other = simShop();
    await connectCustomApp(h.db, { workspaceId: second.workspace.id, actorUserId: null, shop: other.domain, accessToken: other.accessToken });
    const third = simShop();
    const busy = await errorOf(connectCustomApp(h.db, { workspaceId: second.workspace.id, actorUserId: null, shop: third.domain, accessToken: third.accessToken }));
    expect(busy.details?.reason).toBe("workspace_has_shop");
  });
});

describe("registerWebhooks", () => {
  it("is idempotent and repairs missing subscriptions on reconnect", async () => {
    const { workspace, user } = await createTestBrand(h.db);
    const { domain, accessToken } = simShop();
    await connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: user.id, shop: domain, accessToken });
    const row = (await getConnectedShop(h.db, workspace.id))!;

    const again = await registerWebhooks(h.db, row);
    expect(again).toEqual({ ok: true, created: [], existing: [...WEBHOOK_TOPICS] });
    expect(subscriptionsOf(domain)).toHaveLength(5);

    // Shopify deleted one after failed deliveries; a subscription to an old URL does not count.
    const subs = h.env.sim.store.requireShop(domain).webhookSubscriptions;
    const refunds = [...subs.values()].find((s) => s.topic === "refunds/create")!;
    subs.delete(refunds.id);
    h.env.sim.store.createWebhookSubscription(domain, { topic: "refunds/create", uri: "https://old.example.com/api/webhooks/shopify" });

    // Reconnecting (same workspace, same store) repairs it.
    await connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: user.id, shop: domain, accessToken });
    const topics = subscriptionsOf(domain)
      .filter((s) => s.uri === `${appUrl()}${SHOPIFY_WEBHOOK_PATH}`)
      .map((s) => s.topic)
      .sort();
    expect(topics).toEqual(["app/uninstalled", "orders/cancelled", "orders/create", "orders/updated", "refunds/create"]);
    const connected = await getConnectedShop(h.db, workspace.id);
    expect(connected?.id).toBe(row.id); // the same row: orders keep pointing at it
  });

  it("records the error when Shopify refuses, without throwing", async () => {
    const { workspace } = await createTestBrand(h.db);
    const { domain, accessToken } = simShop();
    await connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: null, shop: domain, accessToken });
    const row = (await getConnectedShop(h.db, workspace.id))!;
    h.env.sim.store.revokeShopTokens(domain);
    const result = await registerWebhooks(h.db, row);
    expect(result.ok).toBe(false);
    const [after] = await h.db.select().from(shops).where(eq(shops.id, row.id));
    expect(after?.webhooksRegisteredAt).toBeNull();
    expect(after?.webhookRegistrationError).toMatch(/Reconnect/);
  });
});

describe("disconnectShop", () => {
  it("clears the tokens, keeps the row, audits, and is a no-op the second time", async () => {
    const { workspace, user } = await createTestBrand(h.db);
    const { domain, accessToken } = simShop();
    await connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: user.id, shop: domain, accessToken, webhookSecret: "whsec" });

    const disconnected = await disconnectShop(h.db, { shopDomain: domain.toUpperCase(), reason: "app/uninstalled" });
    expect(disconnected).toMatchObject({ domain, status: "disconnected" });
    expect(disconnected?.disconnectedAt).toBeInstanceOf(Date);
    const row = await getShopByDomain(h.db, domain);
    expect(row).toMatchObject({ status: "disconnected", accessTokenEnc: null, refreshTokenEnc: null, accessTokenExpiresAt: null });
    expect(row?.webhookSecretEnc).not.toBeNull(); // late, signed retries still verify
    expect(await getConnectedShop(h.db, workspace.id)).toBeNull();
    const audits = await h.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(audits.find((a) => a.action === "shop.disconnected")).toMatchObject({ actorKind: "shopify", data: { domain, reason: "app/uninstalled" } });

    expect(await disconnectShop(h.db, { workspaceId: workspace.id, reason: "again", actorUserId: user.id })).toBeNull();

    // And the workspace can connect it again.
    const back = await connectCustomApp(h.db, { workspaceId: workspace.id, actorUserId: user.id, shop: domain, accessToken });
    expect(back).toMatchObject({ id: row!.id, status: "connected", disconnectedAt: null });
  });
});
