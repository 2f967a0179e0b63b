import { and, sql, desc, eq, inArray, asc } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, workspaces } from "@/db/schema";
import { creatorExplanation } from "./creator-explanation";
import { creatorVisible as shown } from "./creator-visible";
import { ORDERS_LIMIT, type CreatorOrder, type CreatorOrderRefund } from "./earnings-types";

/** The creator's latest orders, newest first, with their refunds (dates and amounts only). */
export async function listCreatorOrders(db: Db, creatorId: string, opts: { limit?: number } = {}): Promise<{ orders: Omit<CreatorOrder, "payout">[]; truncated: boolean }> {
  const limit = opts.limit ?? ORDERS_LIMIT;
  const rows = await db
    .select({
      id: conversions.id,
      orderName: conversions.orderName,
      orderCreatedAt: conversions.orderCreatedAt,
      brand: workspaces.name,
      currency: conversions.currency,
      status: conversions.status,
      type: conversions.type,
      code: conversions.code,
      commissionRateBps: conversions.commissionRateBps,
      amountCents: conversions.orderAmountCents,
      commissionCents: conversions.commissionCents,
      pendingAmountCents: conversions.pendingAmountCents,
      pendingCommissionCents: conversions.pendingCommissionCents,
      refundAmountCents: conversions.refundAmountCents,
      refundedCommissionCents: conversions.refundedCommissionCents,
      refundAt: conversions.refundAt,
      explanation: conversions.explanation,
    })
    .from(conversions)
    .innerJoin(workspaces, eq(workspaces.id, conversions.workspaceId))
    .where(and(eq(conversions.creatorId, creatorId), shown))
    .orderBy(desc(conversions.orderCreatedAt), desc(conversions.id))
    .limit(limit + 1);
  const truncated = rows.length > limit;
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const reversals =
    ids.length === 0
      ? []
      : await db
          .select({
            conversionId: ledgerEntries.conversionId,
            kind: ledgerEntries.kind,
            amountCents: ledgerEntries.amountCents,
            commissionCents: ledgerEntries.commissionCents,
            occurredAt: ledgerEntries.occurredAt,
          })
          .from(ledgerEntries)
          .innerJoin(conversions, eq(conversions.id, ledgerEntries.conversionId))
          .where(and(eq(conversions.creatorId, creatorId), inArray(ledgerEntries.conversionId, ids), inArray(ledgerEntries.kind, ["refund", "cancellation", "rounding"])))
          // the rounding cents close the refund they complete (same time, same transaction): after it, whatever the rows' physical order
          .orderBy(asc(ledgerEntries.occurredAt), asc(ledgerEntries.createdAt), asc(sql`${ledgerEntries.kind} = 'rounding'`), asc(ledgerEntries.id));
  const refundsOf = new Map<string, CreatorOrderRefund[]>();
  for (const e of reversals) {
    const list = refundsOf.get(e.conversionId) ?? [];
    list.push({
      at: e.occurredAt.toISOString(),
      kind: e.kind === "cancellation" ? "cancel" : e.kind === "rounding" ? "rounding" : "refund",
      amountCents: -e.amountCents,
      commissionCents: -e.commissionCents,
    });
    refundsOf.set(e.conversionId, list);
  }
  const orders = page.map((r) => ({
    id: r.id,
    orderName: r.orderName,
    orderCreatedAt: r.orderCreatedAt.toISOString(),
    brand: r.brand,
    currency: r.currency,
    status: r.status,
    amountCents: r.status === "pending" ? r.pendingAmountCents : r.amountCents,
    commissionCents: r.status === "pending" ? r.pendingCommissionCents : r.commissionCents,
    refundAmountCents: r.refundAmountCents,
    refundedCommissionCents: r.refundedCommissionCents,
    netCommissionCents: r.commissionCents - r.refundedCommissionCents,
    refundAt: r.refundAt ? r.refundAt.toISOString() : null,
    refunds: refundsOf.get(r.id) ?? [],
    explanation: creatorExplanation(r),
  }));
  return { orders, truncated };
}
