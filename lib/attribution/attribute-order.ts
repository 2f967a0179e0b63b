import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, orders, refunds } from "@/db/schema";
import { commissionFor, decideAttribution } from "./decide-attribution";
import { gatherAttributionFacts } from "./gather-attribution-facts";

export type AttributeOutcome =
  | { outcome: "created"; conversionId: string }
  | { outcome: "exists"; conversionId: string; adjusted: boolean }
  | { outcome: "unattributed" }
  | { outcome: "no_order" };

/**
 * Attributes one recorded order: at most one conversion, ever (unique on the order), written with its
 * sale ledger entry and the order's outcome in one transaction. Calling it again — another delivery
 * of the order, another topic, a replay, a race — changes nothing, except that an order edited before
 * any refund is adjusted through a ledger entry (never by editing history).
 */
export async function attributeOrder(
  db: Db,
  input: { workspaceId: string; shopifyOrderId: number; deliveryId?: string | null },
): Promise<AttributeOutcome> {
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.workspaceId, input.workspaceId), eq(orders.shopifyOrderId, input.shopifyOrderId)))
    .limit(1);
  if (!order) return { outcome: "no_order" };

  const [existing] = await db.select().from(conversions).where(and(eq(conversions.workspaceId, order.workspaceId), eq(conversions.shopifyOrderId, order.shopifyOrderId)));
  if (existing) return { outcome: "exists", conversionId: existing.id, adjusted: await applyOrderEdit(db, existing, order, input.deliveryId ?? null) };

  const decision = decideAttribution(await gatherAttributionFacts(db, order));
  if (decision.kind === "unattributed") {
    await db
      .update(orders)
      .set({ attributionStatus: "unattributed", attributionExplanation: decision.explanation as unknown as Record<string, unknown> })
      .where(and(eq(orders.id, order.id), sql`${orders.attributionStatus} <> 'attributed'`));
    return { outcome: "unattributed" };
  }

  const earned = decision.status === "denied" ? 0 : decision.commissionCents;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [created] = await tx
      .insert(conversions)
      .values({
        workspaceId: order.workspaceId,
        shopId: order.shopId,
        orderId: order.id,
        shopifyOrderId: order.shopifyOrderId,
        orderName: order.name,
        orderCreatedAt: order.shopifyCreatedAt,
        campaignId: decision.campaignId,
        creatorId: decision.creatorId,
        enrollmentId: decision.enrollmentId,
        codeId: decision.codeId,
        clickId: decision.clickId,
        type: decision.type,
        code: decision.code,
        status: decision.status,
        currency: decision.currency,
        commissionRateBps: decision.commissionRateBps,
        orderAmountCents: decision.amountCents,
        commissionCents: earned,
        explanation: decision.explanation as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing({ target: [conversions.workspaceId, conversions.shopifyOrderId] })
      .returning({ id: conversions.id });
    if (!created) {
      // Another delivery of the same order won the race: its conversion stands.
      const [winner] = await tx.select({ id: conversions.id }).from(conversions).where(and(eq(conversions.workspaceId, order.workspaceId), eq(conversions.shopifyOrderId, order.shopifyOrderId)));
      return { outcome: "exists" as const, conversionId: winner!.id, adjusted: false };
    }
    await tx.insert(ledgerEntries).values({
      workspaceId: order.workspaceId,
      conversionId: created.id,
      kind: "sale",
      amountCents: decision.amountCents,
      commissionCents: earned,
      currency: decision.currency,
      causeKey: "sale",
      deliveryId: input.deliveryId ?? null,
      note: decision.status === "denied" ? "Sale recorded; commission denied (self-referral)." : null,
      occurredAt: order.shopifyCreatedAt,
    });
    await tx
      .update(orders)
      .set({ attributionStatus: "attributed", attributionExplanation: decision.explanation as unknown as Record<string, unknown> })
      .where(eq(orders.id, order.id));
    return { outcome: "created" as const, conversionId: created.id };
  });
}

/**
 * An order edited before any refund (its amount changed): the difference goes into the ledger as an
 * adjustment, keyed by the order's `updated_at` so that the same edit applies once. After a refund,
 * amounts move only through refunds (issue of ordering: Shopify's `current_*` fields mix the two).
 */
async function applyOrderEdit(db: Db, conversion: typeof conversions.$inferSelect, order: typeof orders.$inferSelect, deliveryId: string | null): Promise<boolean> {
  if (conversion.status === "reversed") return false;
  const amount = Math.max(0, order.subtotalCents - (order.taxesIncluded ? order.lineItemsTaxCents : 0));
  if (amount === conversion.orderAmountCents) return false;
  const [anyRefund] = await db.select({ id: refunds.id }).from(refunds).where(and(eq(refunds.workspaceId, order.workspaceId), eq(refunds.shopifyOrderId, order.shopifyOrderId))).limit(1);
  if (anyRefund) return false;
  const commission = conversion.status === "denied" ? 0 : commissionFor(amount, conversion.commissionRateBps);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [entry] = await tx
      .insert(ledgerEntries)
      .values({
        workspaceId: conversion.workspaceId,
        conversionId: conversion.id,
        kind: "adjustment",
        amountCents: amount - conversion.orderAmountCents,
        commissionCents: commission - conversion.commissionCents,
        currency: conversion.currency,
        causeKey: `edit:${order.shopifyUpdatedAt.toISOString()}`,
        deliveryId,
        note: "Order edited in Shopify: amount changed.",
        occurredAt: order.shopifyUpdatedAt,
      })
      .onConflictDoNothing({ target: [ledgerEntries.conversionId, ledgerEntries.causeKey] })
      .returning();
    if (!entry) return false;
    await tx
      .update(conversions)
      .set({
        orderAmountCents: sql`${conversions.orderAmountCents} + ${entry.amountCents}`,
        commissionCents: sql`${conversions.commissionCents} + ${entry.commissionCents}`,
        updatedAt: new Date(),
      })
      .where(eq(conversions.id, conversion.id));
    return true;
  });
}
