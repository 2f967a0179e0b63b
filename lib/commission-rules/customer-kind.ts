import { and, eq, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import type { CustomerKind } from "./types";

type OrderRow = typeof orders.$inferSelect;

/**
 * Whether an order is its customer's first at the store, from the order history Tally holds: an
 * earlier order (placed before it) by the same Shopify customer, or else the same email, makes it a
 * returning customer's. An order with neither a customer nor an email is `unknown`.
 * Indexed: orders_workspace_customer_idx / orders_workspace_email_idx.
 */
export async function customerKind(db: Db, order: Pick<OrderRow, "id" | "workspaceId" | "shopifyCustomerId" | "email" | "shopifyCreatedAt">): Promise<CustomerKind> {
  const email = order.email?.trim().toLowerCase() || null;
  if (order.shopifyCustomerId === null && email === null) return "unknown";
  const who =
    order.shopifyCustomerId !== null && email !== null
      ? or(eq(orders.shopifyCustomerId, order.shopifyCustomerId), eq(orders.email, email))
      : order.shopifyCustomerId !== null
        ? eq(orders.shopifyCustomerId, order.shopifyCustomerId)
        : eq(orders.email, email!);
  const [earlier] = await db
    .select({ one: sql<number>`1` })
    .from(orders)
    .where(and(eq(orders.workspaceId, order.workspaceId), who, lt(orders.shopifyCreatedAt, order.shopifyCreatedAt), ne(orders.id, order.id)))
    .limit(1);
  return earlier ? "returning" : "first_order";
}
