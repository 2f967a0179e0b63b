import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { shops, type webhookDeliveries } from "@/db/schema";
import { applyShopifyOrder, applyShopifyRefund } from "@/lib/orders/apply-shopify-order";
import { exportCustomerData, redactCustomer, redactShop } from "@/lib/privacy/privacy-requests";
import { disconnectShop } from "@/lib/shops/disconnect-shop";
import {
  ZCustomersDataRequestPayload,
  ZCustomersRedactPayload,
  ZOrderPayload,
  ZRefundPayload,
  ZShopRedactPayload,
} from "@/lib/shopify/payloads";
import type { z } from "zod";
import { invalidDelivery } from "./delivery-errors";
import { storedBodyText } from "./stored-body";

type Delivery = typeof webhookDeliveries.$inferSelect;

/** Where a NUL character hides in a parsed body (a key or a string value), or null: Postgres text and jsonb cannot hold it. */
function pathWithNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, child] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return at;
    const found = pathWithNul(child, at);
    if (found !== null) return found;
  }
  return null;
}

function parse<S extends z.ZodTypeAny>(schema: S, delivery: Delivery): z.infer<S> {
  const body = storedBodyText(delivery);
  if (!body.ok) throw invalidDelivery(body.reason);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    throw invalidDelivery(`The ${delivery.topic} body is not JSON.`);
  }
  const nul = pathWithNul(json);
  if (nul !== null) throw invalidDelivery(`The ${delivery.topic} body has a NUL character (U+0000) in ${nul || "(body)"}, which Shopify never sends.`);
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);
    throw invalidDelivery(`The ${delivery.topic} body does not match Shopify's shape: ${issues.join("; ")}`);
  }
  return parsed.data;
}

/** Routes one delivery to the business step for its topic. Every step is idempotent by Shopify's ids. */
export async function handleShopifyEvent(db: Db, delivery: Delivery): Promise<"processed" | "ignored"> {
  if (!delivery.workspaceId) return "ignored";
  const [shop] = await db.select().from(shops).where(eq(shops.domain, delivery.shopDomain)).limit(1);
  if (!shop || shop.workspaceId !== delivery.workspaceId) return "ignored";
  const ctx = { workspaceId: shop.workspaceId, shopId: shop.id, deliveryId: delivery.id };

  switch (delivery.topic) {
    case "orders/create":
    case "orders/updated":
    case "orders/paid":
    case "orders/cancelled": {
      await applyShopifyOrder(db, { ...ctx, order: parse(ZOrderPayload, delivery), deliveryId: delivery.id });
      return "processed";
    }
    case "refunds/create":
      await applyShopifyRefund(db, { ...ctx, refund: parse(ZRefundPayload, delivery), deliveryId: delivery.id });
      return "processed";
    case "app/uninstalled":
      await disconnectShop(db, { shopDomain: shop.domain, reason: "app/uninstalled" });
      return "processed";
    case "customers/redact":
      await redactCustomer(db, { ...ctx, payload: parse(ZCustomersRedactPayload, delivery) });
      return "processed";
    case "customers/data_request":
      await exportCustomerData(db, { ...ctx, payload: parse(ZCustomersDataRequestPayload, delivery) });
      return "processed";
    case "shop/redact":
      parse(ZShopRedactPayload, delivery);
      await redactShop(db, ctx);
      return "processed";
    default:
      return "ignored";
  }
}
