import type { Db } from "@/db/client";
import { attributeOrder } from "@/lib/attribution/attribute-order";
import { recordRefund } from "@/lib/refunds/record-refund";
import { reverseOrderRefunds } from "@/lib/refunds/reverse-order-refunds";
import type { TOrderPayload, TRefundPayload } from "@/lib/shopify/payloads";
import { recordOrder } from "./record-order";

/**
 * One Shopify order, however it arrived (orders/create, orders/updated, orders/cancelled, the
 * backfill, reconciliation): its facts recorded (idempotently, newest wins), its embedded refunds
 * recorded by refund id, the order attributed at most once, and every refund not yet reversed on its
 * conversion reversed. The same call twice changes nothing.
 */
export async function applyShopifyOrder(db: Db, input: { workspaceId: string; shopId: string; order: TOrderPayload; deliveryId?: string | null }) {
  await recordOrder(db, { workspaceId: input.workspaceId, shopId: input.shopId, order: input.order });
  for (const refund of input.order.refunds) await recordRefund(db, { workspaceId: input.workspaceId, shopId: input.shopId, refund });
  const attribution = await attributeOrder(db, { workspaceId: input.workspaceId, shopifyOrderId: input.order.id, deliveryId: input.deliveryId ?? null });
  const { reversed } = await reverseOrderRefunds(db, { workspaceId: input.workspaceId, shopifyOrderId: input.order.id, deliveryId: input.deliveryId ?? null });
  return { attribution, reversed };
}

/** One Shopify refund, however it arrived: recorded once by refund id, reversed on the conversion if there is one (or later, when the order is attributed). */
export async function applyShopifyRefund(db: Db, input: { workspaceId: string; shopId: string; refund: TRefundPayload; deliveryId?: string | null }) {
  const { inserted } = await recordRefund(db, { workspaceId: input.workspaceId, shopId: input.shopId, refund: input.refund });
  const { reversed } = await reverseOrderRefunds(db, { workspaceId: input.workspaceId, shopifyOrderId: input.refund.order_id, deliveryId: input.deliveryId ?? null });
  return { recorded: inserted, reversed };
}
