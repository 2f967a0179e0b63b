import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orderLines, orders as ordersTable } from "@/db/schema";
import { applyShopifyOrder } from "@/lib/orders/apply-shopify-order";
import type { ShopRow } from "@/lib/shops/get-connected-shop";
import { orderFromGraphql, type TGraphqlOrder } from "./order-from-graphql";
import { reconcileConversion } from "./reconcile-conversion";
import type { SyncRun } from "./sync-run";

/** Applies a page's orders through the one path every order takes, and (reconciliation) checks their conversions. */
export async function applyOrdersPage(tx: Db, run: SyncRun, shop: ShopRow, page: TGraphqlOrder[]): Promise<Record<string, number>> {
  const reconcile = run.kind === "reconcile";
  const c: Record<string, number> = reconcile
    ? { ordersChecked: 0, conversionsChecked: 0, differencesFound: 0, amountCorrectedCents: 0, commissionCorrectedCents: 0, conversionsAdded: 0, refundsApplied: 0 }
    : { ordersScanned: 0, refundsApplied: 0, conversionsAdded: 0 };
  const inc = (key: string, by = 1) => {
    c[key] = (c[key] ?? 0) + by;
  };
  if (page.length === 0) return c;
  const ids = page.map((o) => o.legacyResourceId);
  const stored = await tx
    .select({ id: ordersTable.shopifyOrderId, orderId: ordersTable.id, customerName: ordersTable.customerName, email: ordersTable.email })
    .from(ordersTable)
    .where(and(eq(ordersTable.workspaceId, run.workspaceId), inArray(ordersTable.shopifyOrderId, ids)));
  // Each stored line's tax: a page carries line taxes only when prices include them (then they move money).
  const lineTaxes = stored.length
    ? await tx
        .select({ orderId: orderLines.orderId, lineId: orderLines.shopifyLineItemId, taxCents: orderLines.taxCents })
        .from(orderLines)
        .where(and(eq(orderLines.workspaceId, run.workspaceId), inArray(orderLines.orderId, stored.map((s) => s.orderId))))
    : [];
  const taxOf = new Map<string, Map<number, number>>();
  for (const l of lineTaxes) taxOf.set(l.orderId, (taxOf.get(l.orderId) ?? new Map()).set(l.lineId, l.taxCents));
  const keep = new Map(stored.map((s) => [s.id, { customerName: s.customerName, email: s.email, lineTaxCents: taxOf.get(s.orderId) }]));
  for (const node of page) {
    const order = orderFromGraphql(node, keep.get(node.legacyResourceId) ?? {});
    const result = await applyShopifyOrder(tx, { workspaceId: run.workspaceId, shopId: shop.id, order });
    inc(reconcile ? "ordersChecked" : "ordersScanned");
    if (result.attribution.outcome === "created") inc("conversionsAdded");
    inc("refundsApplied", result.reversed);
    if (!reconcile) continue;
    const outcome = await reconcileConversion(tx, { workspaceId: run.workspaceId, shopifyOrderId: order.id, runId: run.id });
    if (outcome.kind === "no_conversion") continue;
    inc("conversionsChecked");
    if (outcome.kind === "corrected") {
      inc("differencesFound");
      inc("amountCorrectedCents", outcome.netAmountCents);
      inc("commissionCorrectedCents", outcome.netCommissionCents);
    }
  }
  return c;
}
