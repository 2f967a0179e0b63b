import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, conversions, creators, ledgerEntries, orderLines, orders, refunds } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** Everything the order page shows, scoped by workspace: the order, its lines, its refunds, its conversion and ledger. */
export async function getOrderDetailOrThrow(db: Db, input: { workspaceId: string; orderId: string }) {
  const [order] = await db.select().from(orders).where(and(eq(orders.workspaceId, input.workspaceId), eq(orders.id, input.orderId))).limit(1);
  if (!order) throw new AppError("not_found", "Order not found.");
  const [lines, orderRefunds, [conversion]] = await Promise.all([
    db.select().from(orderLines).where(and(eq(orderLines.workspaceId, input.workspaceId), eq(orderLines.orderId, order.id))).orderBy(asc(orderLines.position)),
    db.select().from(refunds).where(and(eq(refunds.workspaceId, input.workspaceId), eq(refunds.shopifyOrderId, order.shopifyOrderId))).orderBy(asc(refunds.shopifyCreatedAt)),
    db
      .select({ conversion: conversions, creatorName: creators.fullName, creatorEmail: creators.email, campaignName: campaigns.name })
      .from(conversions)
      .innerJoin(creators, eq(creators.id, conversions.creatorId))
      .innerJoin(campaigns, eq(campaigns.id, conversions.campaignId))
      .where(and(eq(conversions.workspaceId, input.workspaceId), eq(conversions.orderId, order.id))),
  ]);
  const ledger = conversion
    ? await db.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, input.workspaceId), eq(ledgerEntries.conversionId, conversion.conversion.id))).orderBy(asc(ledgerEntries.occurredAt), asc(ledgerEntries.createdAt))
    : [];
  return { order, lines, refunds: orderRefunds, conversion: conversion ?? null, ledger };
}
