import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { toShopSummary, type ShopSummary } from "./shop-summary";

/**
 * Revokes Tally's access to a store on Tally's side: clears the access and refresh tokens, marks the
 * shop disconnected, keeps every order, refund and the row itself (the domain stays this workspace's,
 * and a reconnect reuses the row). Used by Settings ("Disconnect") and by the app/uninstalled webhook.
 * The custom-app webhook secret is kept: it is no credential to Shopify, and Shopify retries
 * deliveries signed with it for hours after an uninstall. Returns null when nothing was connected.
 */
export async function disconnectShop(
  db: Db,
  input: ({ workspaceId: string } | { shopDomain: string }) & { reason: string; actorUserId?: string | null },
): Promise<ShopSummary | null> {
  const match =
    "workspaceId" in input ? eq(shops.workspaceId, input.workspaceId) : eq(shops.domain, input.shopDomain.trim().toLowerCase());
  const [row] = await db
    .update(shops)
    .set({
      status: "disconnected",
      disconnectedAt: new Date(),
      accessTokenEnc: null,
      accessTokenExpiresAt: null,
      refreshTokenEnc: null,
      refreshTokenExpiresAt: null,
    })
    .where(and(match, eq(shops.status, "connected")))
    .returning();
  if (!row) return null;
  const actor: Actor = input.actorUserId
    ? { kind: "user", id: input.actorUserId }
    : input.reason === "app/uninstalled"
      ? { kind: "shopify" }
      : { kind: "system" };
  await recordAudit(db, {
    workspaceId: row.workspaceId,
    actor,
    action: "shop.disconnected",
    targetType: "shop",
    targetId: row.id,
    data: { domain: row.domain, reason: input.reason },
  });
  return toShopSummary(row);
}
