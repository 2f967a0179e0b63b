import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, conversions, orders } from "@/db/schema";
import { refundSteps } from "@/lib/commission-rules/refund-steps";
import type { Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createId } from "@/lib/ids";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import { recordConversionEvent } from "@/lib/events/record-conversion-event";
import { commissionFor } from "./commission";
import { earningsOf, termsOf } from "./conversion-earnings";
import { lockConversion } from "./lock-conversion";
import { refundsOfOrder } from "@/lib/refunds/order-refunds";

/**
 * A brand admin approves a flagged or denied conversion, or denies one. The status moves, and the
 * commission follows through a `status_change` ledger entry (denied earns nothing; approving restores
 * what the net amount earns), all audited in the same transaction. Only a paid order's conversion can
 * be reviewed: one awaiting payment is decided once paid, a voided one or a test order never earns,
 * and a fully refunded one has nothing left to decide.
 */
export async function changeConversionStatus(
  db: Db,
  input: {
    workspaceId: string;
    conversionId: string;
    to: "approved" | "denied";
    /** Who decided: recorded in the audit log and the ledger note (a brand admin, or an API key). */
    actor?: Actor | undefined;
    /** Shorthand for a brand admin's decision (`actor: { kind: "user", id }`). */
    userId?: string | undefined;
    reason?: string | undefined;
  },
) {
  const actor: Actor = input.actor ?? { kind: "user", id: input.userId ?? "" };
  if (!actor.id) throw new Error("changeConversionStatus needs an actor.");
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const c = await lockConversion(tx, input);
    if (!c) throw new AppError("not_found", "Conversion not found.");
    if (c.status === input.to) return c;
    if (c.status === "reversed") throw new AppError("conflict", "This order was fully refunded: there is nothing left to approve or deny.");
    if (c.status === "pending") throw new AppError("conflict", "This order is awaiting payment in Shopify: nothing is earned yet. Review it once it is paid.");
    if (c.status === "voided") throw new AppError("conflict", "This order was never paid: nothing was earned, so there is nothing to approve or deny.");
    if (c.testOrder) throw new AppError("conflict", "This is a Shopify test order: test orders never earn commission.");
    const net = c.commissionCents - c.refundedCommissionCents;
    const target = input.to === "denied" ? 0 : await earnedNet(tx, c);
    const auditId = createId("audit");
    const by = actor.kind === "api_key" ? "through the API" : actor.kind === "user" ? "by a brand admin" : "by Tally";
    const note = `${input.to === "denied" ? "Denied" : "Approved"} ${by}${input.reason ? `: ${input.reason}` : "."}`;
    const moved =
      target !== net
        ? await appendLedgerEntry(
            tx,
            c,
            { kind: "status_change", causeKey: `status:${auditId}`, amountCents: 0, commissionCents: target - net, occurredAt: new Date(), note },
            { status: input.to },
          )
        : null;
    // A ledger entry writes its own conversion.status_changed; a status change that moves no money writes it here.
    let updated = moved;
    if (!updated) {
      const [changed] = await tx.update(conversions).set({ status: input.to, updatedAt: new Date() }).where(eq(conversions.id, c.id)).returning();
      updated = changed!;
      await recordConversionEvent(tx, { type: "conversion.status_changed", conversion: updated, sourceKey: `status:${auditId}`, extra: { previous_status: c.status } });
    }
    await tx.insert(auditLog).values({
      id: auditId,
      workspaceId: c.workspaceId,
      actorKind: actor.kind,
      actorId: actor.id ?? null,
      action: `conversion.${input.to}`,
      targetType: "conversion",
      targetId: c.id,
      data: { from: c.status, to: input.to, order: c.orderName, commissionDelta: target - net, reason: input.reason ?? null },
    });
    return updated!;
  });
}

/**
 * What the conversion's net amount earns: under its commission rules, its lines' commission less
 * what its refunds reversed at each line's own rate; before rules (or taken as a whole), the rate on
 * the net amount.
 */
async function earnedNet(tx: Db, c: typeof conversions.$inferSelect): Promise<number> {
  const whole = commissionFor(c.orderAmountCents - c.refundAmountCents, c.commissionRateBps);
  if (!termsOf(c.explanation)) return whole;
  const [order] = await tx.select().from(orders).where(eq(orders.id, c.orderId));
  if (!order) return whole;
  const earnings = await earningsOf(tx, order, c);
  if (!earnings.lines) return whole;
  const orderRefunds = await refundsOfOrder(tx, c);
  const steps = refundSteps({ amountCents: earnings.amountCents, commissionCents: earnings.commissionCents, lines: earnings.lines, refunds: orderRefunds, taxesIncluded: order.taxesIncluded });
  if (order.cancelledAt) return 0;
  return Math.max(0, earnings.commissionCents - steps.reduce((s, x) => s + x.commissionCents, 0));
}
