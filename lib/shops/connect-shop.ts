import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { startBackfillOnConnect } from "@/lib/sync/start-sync";
import { recordAudit } from "@/lib/audit/record-audit";
import { adminGraphqlWithToken } from "@/lib/shopify/admin-graphql";
import { encryptSecret } from "@/lib/shopify/crypto";
import { SHOP_INFO_QUERY } from "@/lib/shopify/documents";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { getConnectedShop, getShopByDomain, type ShopRow } from "./get-connected-shop";
import { registerWebhooks } from "./register-webhooks";
import { fieldError, normalizeShopDomain } from "./shop-domain";
import { toShopSummary, type ShopSummary } from "./shop-summary";
import { logError } from "@/lib/log";
import { isValidTimeZone } from "@/lib/campaigns/zoned-time";

/**
 * Refuses what the data model forbids, before anything is stored: a domain that belongs to another
 * workspace (for ever: its orders are that workspace's data), or a second store while the workspace
 * has one connected. Also called at OAuth begin so the merchant is not sent to Shopify for nothing.
 */
export async function assertShopConnectable(db: Db, input: { workspaceId: string; shop: string }): Promise<void> {
  const owner = await getShopByDomain(db, input.shop);
  if (owner && owner.workspaceId !== input.workspaceId) {
    throw new AppError("conflict", `${input.shop} is connected to another Tally workspace.`, { reason: "shop_taken" });
  }
  const current = await getConnectedShop(db, input.workspaceId);
  if (current && current.domain !== input.shop) {
    throw new AppError("conflict", `This workspace is connected to ${current.domain}. Disconnect it first.`, {
      reason: "workspace_has_shop",
    });
  }
}

// ------------------------------------------------------------------------------------------ token check

const ZShopInfo = z.object({
  shop: z.object({ name: z.string(), currencyCode: z.string(), ianaTimezone: z.string().nullable().optional(), myshopifyDomain: z.string() }),
  currentAppInstallation: z.object({ accessScopes: z.array(z.object({ handle: z.string() })) }).nullable().optional(),
});

type ShopInfo = { name: string; currency: string; ianaTimezone: string | null; scopes: string[] };

/** Without read_orders Shopify refuses the order/refund webhook subscriptions and Tally sees nothing. */
const REQUIRED_SCOPES = ["read_orders"];

/** Proves the token works for this very store, and reads the store's name, currency, time zone and scopes. */
async function verifyToken(shop: string, accessToken: string): Promise<ShopInfo> {
  let info: z.infer<typeof ZShopInfo>;
  try {
    info = await adminGraphqlWithToken(shop, accessToken, SHOP_INFO_QUERY, {}, { schema: ZShopInfo, maxAttempts: 3 });
  } catch (error) {
    if (!(error instanceof ShopifyApiError)) throw error;
    if (error.kind === "unauthorized" || error.status === 403) throw fieldError("accessToken", "Shopify rejected this access token.");
    if (error.status === 404) throw fieldError("shop", `There is no Shopify store at ${shop}.`);
    logError("shopify token check failed", error);
    throw new AppError("internal_error", "Shopify could not be reached to check the store. Please try again.");
  }
  // Shopify picks the store from the URL; a token of another store is refused with 401 before this.
  if (info.shop.myshopifyDomain.toLowerCase() !== shop) throw fieldError("shop", `This access token belongs to ${info.shop.myshopifyDomain}.`);
  const zone = info.shop.ianaTimezone && isValidTimeZone(info.shop.ianaTimezone) ? info.shop.ianaTimezone : null;
  return { name: info.shop.name, currency: info.shop.currencyCode, ianaTimezone: zone, scopes: info.currentAppInstallation?.accessScopes.map((s) => s.handle) ?? [] };
}

// ------------------------------------------------------------------------------------------ connect

type Credentials = {
  installKind: ShopRow["installKind"];
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
  webhookSecret: string | null;
  scopes: string[] | null;
};

/** The Postgres error code/constraint of a unique violation, wherever a driver wrapped it. */
function uniqueViolation(error: unknown): string | null {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const candidate = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown };
    if (candidate.code === "23505") return String(candidate.constraint_name ?? candidate.constraint ?? "");
    e = candidate.cause;
  }
  return null;
}

async function connect(
  db: Db,
  input: { workspaceId: string; actorUserId: string | null; shop: string },
  credentials: Credentials,
): Promise<ShopSummary> {
  const domain = normalizeShopDomain(input.shop);
  await assertShopConnectable(db, { workspaceId: input.workspaceId, shop: domain });
  const info = await verifyToken(domain, credentials.accessToken);
  const scopes = credentials.scopes ?? info.scopes;
  const missing = REQUIRED_SCOPES.filter((s) => !scopes.includes(s));
  if (missing.length > 0) {
    throw fieldError("accessToken", `This access token lacks the ${missing.join(", ")} scope${missing.length > 1 ? "s" : ""}.`);
  }

  const now = new Date();
  const values = {
    workspaceId: input.workspaceId,
    domain,
    name: info.name,
    currency: info.currency,
    ianaTimezone: info.ianaTimezone,
    status: "connected" as const,
    installKind: credentials.installKind,
    scopes: scopes.join(","),
    accessTokenEnc: encryptSecret(credentials.accessToken),
    accessTokenExpiresAt: credentials.accessTokenExpiresAt,
    refreshTokenEnc: credentials.refreshToken ? encryptSecret(credentials.refreshToken) : null,
    refreshTokenExpiresAt: credentials.refreshToken ? credentials.refreshTokenExpiresAt : null,
    webhookSecretEnc: credentials.webhookSecret ? encryptSecret(credentials.webhookSecret) : null,
    connectedAt: now,
    disconnectedAt: null,
  };
  let row: ShopRow | undefined;
  try {
    const { workspaceId: _w, domain: _d, ...update } = values;
    // Reconnecting a store updates its row (data keeps pointing at the same shop id); the WHERE makes
    // the "domain belongs to one workspace" rule hold even against a concurrent connect elsewhere.
    [row] = await db
      .insert(shops)
      .values(values)
      .onConflictDoUpdate({ target: shops.domain, set: update, setWhere: eq(shops.workspaceId, input.workspaceId) })
      .returning();
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint === null) throw error;
    // shops_workspace_connected_key: another store got connected to this workspace meanwhile.
    throw new AppError("conflict", "This workspace just got another store connected. Disconnect it first.", { reason: "workspace_has_shop" });
  }
  if (!row) throw new AppError("conflict", `${domain} is connected to another Tally workspace.`, { reason: "shop_taken" });

  const webhooks = await registerWebhooks(db, row);
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.actorUserId ? { kind: "user", id: input.actorUserId } : { kind: "system" },
    action: "shop.connected",
    targetType: "shop",
    targetId: row.id,
    data: {
      domain,
      installKind: credentials.installKind,
      scopes: values.scopes,
      webhooks: webhooks.ok ? "registered" : webhooks.error,
    },
  });
  // The last 90 days of orders and refunds, in the background (progress on the settings page).
  await startBackfillOnConnect(db, { workspaceId: input.workspaceId, actor: input.actorUserId ? { kind: "user", id: input.actorUserId } : { kind: "system" } });
  const [fresh] = await db.select().from(shops).where(eq(shops.id, row.id)).limit(1);
  return toShopSummary(fresh ?? row);
}

/**
 * Connects a store through a custom app created in the merchant's Shopify admin: its Admin API
 * access token (non-expiring) and, optionally, its API secret key, which signs that app's webhooks.
 */
export async function connectCustomApp(
  db: Db,
  input: { workspaceId: string; actorUserId: string | null; shop: string; accessToken: string; webhookSecret?: string | undefined },
): Promise<ShopSummary> {
  const accessToken = input.accessToken.trim();
  if (!accessToken) throw fieldError("accessToken", "Paste the Admin API access token (shpat_…).");
  return connect(db, input, {
    installKind: "custom_app",
    accessToken,
    accessTokenExpiresAt: null,
    refreshToken: null,
    refreshTokenExpiresAt: null,
    webhookSecret: input.webhookSecret?.trim() || null,
    scopes: null,
  });
}

/** The token response of an OAuth install (an expiring offline token and its refresh token). */
export type OAuthGrant = {
  accessToken: string;
  scope: string | null;
  expiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
};

/** Stores an OAuth install (after the callback's checks) exactly like a custom app, minus the app secret. */
export async function completeOAuthInstall(
  db: Db,
  input: { workspaceId: string; actorUserId: string | null; shop: string; grant: OAuthGrant },
): Promise<ShopSummary> {
  const { grant } = input;
  return connect(db, input, {
    installKind: "oauth",
    accessToken: grant.accessToken,
    accessTokenExpiresAt: grant.expiresAt,
    refreshToken: grant.refreshToken,
    refreshTokenExpiresAt: grant.refreshTokenExpiresAt,
    // OAuth installs' webhooks are signed with the app's client secret.
    webhookSecret: null,
    scopes: grant.scope ? grant.scope.split(",").map((s) => s.trim()).filter(Boolean) : null,
  });
}
