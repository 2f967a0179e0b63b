import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, orders } from "@/db/schema";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import { recordConversionEvent } from "@/lib/events/record-conversion-event";
import { decideAttribution } from "./decide-attribution";
import { followOrder } from "./follow-order";
import { gatherAttributionFacts } from "./gather-attribution-facts";
import { orderPayment } from "./commissionable-order";
import { logWarn } from "@/lib/log";

export type AttributeOutcome =
  | { outcome: "created"; conversionId: string }
  | { outcome: "exists"; conversionId: string; adjusted: boolean }
  | { outcome: "unattributed" }
  | { outcome: "no_order" };

/**
 * Attributes one recorded order: at most one conversion, ever (unique on the order), written with the
 * order's outcome in one transaction. A paid order's conversion earns at once (its `sale` ledger
 * entry, dated on the order's day); an unpaid one is `pending` — nothing in the ledger, what it will
 * earn kept apart as awaiting payment — and one never paid is `voided`. Test orders and orders of
 * gift cards only get no conversion (the order's explanation says why).
 *
 * Calling it again — another delivery of the order, another topic, a replay, a race — creates
 * nothing; the existing conversion follows the order (`followOrder`: paid, voided, edited, or
 * found ineligible), always through ledger entries, never by editing history.
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
  const deliveryId = input.deliveryId ?? null;

  const [existing] = await db.select({ id: conversions.id }).from(conversions).where(and(eq(conversions.workspaceId, order.workspaceId), eq(conversions.shopifyOrderId, order.shopifyOrderId)));
  if (existing) return { outcome: "exists", conversionId: existing.id, adjusted: await followOrder(db, { conversionId: existing.id, order, deliveryId }) };

  const decision = decideAttribution(await gatherAttributionFacts(db, order));
  if (decision.kind === "unattributed") {
    await db
      .update(orders)
      .set({ attributionStatus: "unattributed", attributionExplanation: decision.explanation as unknown as Record<string, unknown> })
      .where(and(eq(orders.id, order.id), sql`${orders.attributionStatus} <> 'attributed'`));
    return { outcome: "unattributed" };
  }
  const payment = orderPayment(order);
  if (!payment.known) {
    logWarn("unknown financial_status, treated as unpaid", { order: order.name, shopify_order: order.shopifyOrderId, workspace: order.workspaceId, financial_status: JSON.stringify(order.financialStatus) });
  }
  const status = payment.state === "paid" ? decision.status : payment.state === "unpaid" ? "pending" : "voided";
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
        status,
        currency: decision.currency,
        commissionRateBps: decision.commissionRateBps,
        // The ledger moves the totals (lib/ledger): a conversion starts at zero.
        orderAmountCents: 0,
        commissionCents: 0,
        pendingAmountCents: status === "pending" ? decision.amountCents : 0,
        pendingCommissionCents: status === "pending" ? earned : 0,
        explanation: decision.explanation as unknown as Record<string, unknown>,
      })
      .onConflictDoNothing({ target: [conversions.workspaceId, conversions.shopifyOrderId] })
      .returning();
    if (!created) {
      // Another delivery of the same order won the race: its conversion stands.
      const [winner] = await tx.select({ id: conversions.id }).from(conversions).where(and(eq(conversions.workspaceId, order.workspaceId), eq(conversions.shopifyOrderId, order.shopifyOrderId)));
      return { outcome: "exists" as const, conversionId: winner!.id, adjusted: false };
    }
    if (status !== "pending" && status !== "voided") {
      // The sale's entry writes the conversion.created event, with the figures it earned.
      await appendLedgerEntry(
        tx,
        created,
        {
          kind: "sale",
          causeKey: "sale",
          amountCents: decision.amountCents,
          commissionCents: earned,
          occurredAt: order.shopifyCreatedAt,
          note: decision.status === "denied" ? "Sale recorded; commission denied (self-referral)." : null,
          deliveryId,
        },
        {},
        "conversion.created",
      );
    } else {
      await recordConversionEvent(tx, { type: "conversion.created", conversion: created, sourceKey: `conversion:${created.id}:created` });
    }
    await tx
      .update(orders)
      .set({ attributionStatus: "attributed", attributionExplanation: decision.explanation as unknown as Record<string, unknown> })
      .where(eq(orders.id, order.id));
    return { outcome: "created" as const, conversionId: created.id };
  });
}
