import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops } from "@/db/schema";

/** A shop row, secrets still encrypted. Only lib/shops decrypts them (through lib/shopify/crypto). */
export type ShopRow = typeof shops.$inferSelect;

/** The shop the workspace has connected now, or null (uses the partial unique index on connected shops). */
export async function getConnectedShop(db: Db, workspaceId: string): Promise<ShopRow | null> {
  const [row] = await db
    .select()
    .from(shops)
    .where(and(eq(shops.workspaceId, workspaceId), eq(shops.status, "connected")))
    .limit(1);
  return row ?? null;
}

/**
 * The shop row of a myshopify domain, connected or not (webhook intake, OAuth callback). A domain
 * belongs to one workspace for ever, so this is also "which workspace owns this store".
 */
export async function getShopByDomain(db: Db, domain: string): Promise<ShopRow | null> {
  const [row] = await db.select().from(shops).where(eq(shops.domain, domain.trim().toLowerCase())).limit(1);
  return row ?? null;
}
