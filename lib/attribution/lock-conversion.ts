import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions } from "@/db/schema";

/**
 * A workspace's conversion, by id or by its order, locked for the rest of the transaction (`db`
 * must be one): concurrent refunds, reviews and reconciliations of one order apply one after another.
 */
export async function lockConversion(db: Db, key: { workspaceId: string } & ({ conversionId: string } | { shopifyOrderId: number })) {
  const match = "conversionId" in key ? eq(conversions.id, key.conversionId) : eq(conversions.shopifyOrderId, key.shopifyOrderId);
  const [conversion] = await db
    .select()
    .from(conversions)
    .where(and(eq(conversions.workspaceId, key.workspaceId), match))
    .for("update");
  return conversion;
}
