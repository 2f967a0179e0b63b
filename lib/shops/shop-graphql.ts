import { HttpResponseError } from "@shopify/shopify-api";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { adminGraphqlWithToken, type AdminClientEvent, type GraphqlOptions } from "@/lib/shopify/admin-graphql";
import { decryptSecret, encryptSecret } from "@/lib/shopify/crypto";
import { shopifyApp } from "@/lib/shopify/shopify-app";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import type { ShopRow } from "./get-connected-shop";

/** What callers (and the UI) see when Shopify no longer accepts the shop's token. */
export function reconnectRequiredError(domain: string): AppError {
  return new AppError("conflict", `Shopify no longer accepts Tally's access to ${domain}. Reconnect the store in Settings.`, {
    reason: "shopify_reconnect_required",
    shop: domain,
  });
}

/** Refresh expiring offline tokens this long before they expire. */
const REFRESH_MARGIN_MS = 5 * 60_000;

function needsRefresh(row: ShopRow, now = Date.now()): boolean {
  return row.accessTokenExpiresAt !== null && row.accessTokenExpiresAt.getTime() - now < REFRESH_MARGIN_MS;
}

type TokenOutcome = { kind: "token"; token: string; enc: string; refreshed: boolean } | { kind: "reconnect" };

/**
 * Marks a shop whose token Shopify rejected: disconnected, tokens cleared, data kept; the brand
 * reconnects from Settings. Guarded by the rejected token so that a reconnect that stored a fresh
 * token meanwhile is not undone.
 */
async function markReconnectRequired(db: Db, row: ShopRow, rejectedEnc: string | null, why: string): Promise<boolean> {
  const now = new Date();
  const updated = await db
    .update(shops)
    .set({
      status: "disconnected",
      disconnectedAt: now,
      accessTokenEnc: null,
      accessTokenExpiresAt: null,
      refreshTokenEnc: null,
      refreshTokenExpiresAt: null,
    })
    .where(
      and(
        eq(shops.id, row.id),
        eq(shops.status, "connected"),
        rejectedEnc === null ? sql`${shops.accessTokenEnc} is null` : eq(shops.accessTokenEnc, rejectedEnc),
      ),
    )
    .returning({ id: shops.id });
  if (updated.length > 0) {
    await recordAudit(db, {
      workspaceId: row.workspaceId,
      actor: { kind: "shopify" },
      action: "shop.reconnect_required",
      targetType: "shop",
      targetId: row.id,
      data: { domain: row.domain, reason: why },
    });
  }
  return updated.length > 0;
}

/**
 * Refreshes an expiring offline token under a per-shop Postgres advisory lock, so that exactly one
 * instance exchanges the (rotating, single-use) refresh token; the others wait on the lock, re-read
 * the row and use the token it stored. `rejectedEnc`: force a refresh because Shopify answered 401 to
 * that token (unless another instance already replaced it).
 */
async function refreshAccessToken(db: Db, shopId: string, rejectedEnc: string | null, onEvent?: (e: AdminClientEvent) => void): Promise<TokenOutcome> {
  let domain = "";
  const outcome = await db.transaction(async (tx): Promise<TokenOutcome> => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${shopId}))`);
    const [row] = await tx.select().from(shops).where(eq(shops.id, shopId)).limit(1);
    if (!row || row.status !== "connected" || !row.accessTokenEnc) return { kind: "reconnect" };
    domain = row.domain;
    const replacedMeanwhile = rejectedEnc !== null && row.accessTokenEnc !== rejectedEnc;
    if (replacedMeanwhile || (rejectedEnc === null && !needsRefresh(row))) {
      return { kind: "token", token: decryptSecret(row.accessTokenEnc), enc: row.accessTokenEnc, refreshed: false };
    }
    const refreshUsable = row.refreshTokenEnc !== null && (row.refreshTokenExpiresAt === null || row.refreshTokenExpiresAt.getTime() > Date.now());
    if (!refreshUsable) {
      await markReconnectRequired(tx, row, row.accessTokenEnc, "refresh_token_missing_or_expired");
      return { kind: "reconnect" };
    }
    let session;
    try {
      ({ session } = await shopifyApp().auth.refreshToken({ shop: row.domain, refreshToken: decryptSecret(row.refreshTokenEnc!) }));
    } catch (error) {
      // 400 invalid_grant / 401: the refresh token was revoked (uninstall) or already used.
      if (error instanceof HttpResponseError && (error.response.code === 400 || error.response.code === 401)) {
        await markReconnectRequired(tx, row, row.accessTokenEnc, "refresh_rejected");
        return { kind: "reconnect" };
      }
      const status = error instanceof HttpResponseError ? error.response.code : null;
      throw new ShopifyApiError(status === null ? "network" : "http", row.domain, `Could not refresh the access token for ${row.domain}.`, { status, cause: error });
    }
    const enc = encryptSecret(session.accessToken!);
    await tx
      .update(shops)
      .set({
        accessTokenEnc: enc,
        accessTokenExpiresAt: session.expires ?? null,
        // Shopify rotates the refresh token on every refresh; keep the old one only if none came back.
        refreshTokenEnc: session.refreshToken ? encryptSecret(session.refreshToken) : row.refreshTokenEnc,
        refreshTokenExpiresAt: session.refreshToken ? (session.refreshTokenExpires ?? null) : row.refreshTokenExpiresAt,
        scopes: session.scope ?? row.scopes,
      })
      .where(eq(shops.id, row.id));
    return { kind: "token", token: session.accessToken!, enc, refreshed: true };
  });
  if (outcome.kind === "token" && outcome.refreshed) onEvent?.({ type: "token_refreshed", shop: domain });
  return outcome;
}

async function currentToken(db: Db, shop: ShopRow, onEvent?: (e: AdminClientEvent) => void): Promise<{ token: string; enc: string }> {
  if (shop.status !== "connected" || !shop.accessTokenEnc) throw reconnectRequiredError(shop.domain);
  if (!needsRefresh(shop)) return { token: decryptSecret(shop.accessTokenEnc), enc: shop.accessTokenEnc };
  const outcome = await refreshAccessToken(db, shop.id, null, onEvent);
  if (outcome.kind === "reconnect") throw reconnectRequiredError(shop.domain);
  return outcome;
}

// ------------------------------------------------------------------------------------------ the entry point

/**
 * Admin GraphQL for a connected shop row: decrypts its token (refreshing an expiring one under a
 * per-shop lock when less than 5 minutes are left), then `adminGraphqlWithToken`. A 401 gets one
 * forced refresh for expiring tokens; when Shopify still refuses, the shop is marked as needing
 * reconnection and an AppError (conflict, details.reason "shopify_reconnect_required") is thrown.
 * Returns `data` (validated by `options.schema` when given); `userErrors` are left to the caller.
 */
export async function shopifyGraphql<T = unknown>(
  db: Db,
  shop: ShopRow,
  document: string,
  variables: Record<string, unknown> = {},
  options: GraphqlOptions<T> = {},
): Promise<T> {
  let row = shop;
  let { token, enc } = await currentToken(db, row, options.onEvent);
  let recovered = false;
  for (;;) {
    try {
      return await adminGraphqlWithToken(row.domain, token, document, variables, options);
    } catch (error) {
      if (!(error instanceof ShopifyApiError) || error.kind !== "unauthorized") throw error;
      if (recovered) {
        await markReconnectRequired(db, row, enc, "token_rejected");
        throw reconnectRequiredError(row.domain);
      }
      recovered = true;
      if (row.refreshTokenEnc !== null) {
        // An expiring token may have been revoked early or rotated elsewhere: one forced refresh.
        const outcome = await refreshAccessToken(db, row.id, enc, options.onEvent);
        if (outcome.kind === "reconnect") throw reconnectRequiredError(row.domain);
        ({ token, enc } = outcome);
        continue;
      }
      if (await markReconnectRequired(db, row, enc, "token_rejected")) throw reconnectRequiredError(row.domain);
      // The row no longer holds the rejected token: the store was reconnected meanwhile; use the new one.
      const [fresh] = await db.select().from(shops).where(eq(shops.id, row.id)).limit(1);
      if (!fresh) throw reconnectRequiredError(row.domain);
      row = fresh;
      ({ token, enc } = await currentToken(db, row, options.onEvent));
    }
  }
}
