import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, conversions, ledgerEntries } from "@/db/schema";
import { AppError } from "@/lib/api/app-error";
import { createId } from "@/lib/ids";
import { commissionFor } from "./decide-attribution";

/**
 * A brand admin approves a flagged or denied conversion, or denies one. The status moves, and the
 * commission follows through a ledger adjustment (denied earns nothing; approving restores what the
 * net amount earns), all audited in the same transaction.
 */
export async function changeConversionStatus(
  db: Db,
  input: { workspaceId: string; conversionId: string; to: "approved" | "denied"; userId: string; reason?: string | undefined },
) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx
      .select()
      .from(conversions)
      .where(and(eq(conversions.workspaceId, input.workspaceId), eq(conversions.id, input.conversionId)))
      .for("update");
    if (!c) throw new AppError("not_found", "Conversion not found.");
    if (c.status === input.to) return c;
    if (c.status === "reversed") throw new AppError("conflict", "This order was fully refunded: there is nothing left to approve or deny.");
    const net = c.commissionCents - c.refundedCommissionCents;
    const target = input.to === "denied" ? 0 : commissionFor(c.orderAmountCents - c.refundAmountCents, c.commissionRateBps);
    const auditId = createId("audit");
    if (target !== net) {
      await tx.insert(ledgerEntries).values({
        workspaceId: c.workspaceId,
        conversionId: c.id,
        kind: "adjustment",
        amountCents: 0,
        commissionCents: target - net,
        currency: c.currency,
        causeKey: `status:${auditId}`,
        note: `${input.to === "denied" ? "Denied" : "Approved"} by a brand admin${input.reason ? `: ${input.reason}` : "."}`,
        occurredAt: new Date(),
      });
    }
    const [updated] = await tx
      .update(conversions)
      .set({ status: input.to, commissionCents: sql`${conversions.commissionCents} + ${target - net}`, updatedAt: new Date() })
      .where(eq(conversions.id, c.id))
      .returning();
    await tx.insert(auditLog).values({
      id: auditId,
      workspaceId: c.workspaceId,
      actorKind: "user",
      actorId: input.userId,
      action: `conversion.${input.to}`,
      targetType: "conversion",
      targetId: c.id,
      data: { from: c.status, to: input.to, order: c.orderName, commissionDelta: target - net, reason: input.reason ?? null },
    });
    return updated!;
  });
}
