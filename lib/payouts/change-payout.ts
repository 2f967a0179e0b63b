import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { payoutItemEntries, payoutItems, payouts } from "@/db/schema";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { recordPayoutEvent } from "@/lib/events/record-payout-event";
import { getPayoutOrThrow } from "./list-payouts";
import { payoutLabel } from "./payout-label";

type PayoutRow = typeof payouts.$inferSelect;

async function lockPayout(tx: Db, workspaceId: string, payoutId: string): Promise<PayoutRow> {
  const [p] = await tx
    .select()
    .from(payouts)
    .where(and(eq(payouts.workspaceId, workspaceId), eq(payouts.id, payoutId)))
    .for("update");
  if (!p) throw new AppError("not_found", "Payout not found.");
  return p;
}

async function refreshTotal(tx: Db, payoutId: string) {
  await tx.execute(sql`
    UPDATE payouts SET
      total_cents = COALESCE((SELECT SUM(amount_cents) FROM payout_items WHERE payout_id = ${payoutId} AND status IN ('pending', 'paid')), 0),
      updated_at = now()
    WHERE id = ${payoutId}`);
}

/** Releases an item's entries back to payable: its stamps end, the entries are in no payout again. */
async function releaseEntries(tx: Db, itemIds: string[], at: Date) {
  if (itemIds.length === 0) return;
  await tx
    .update(payoutItemEntries)
    .set({ releasedAt: at })
    .where(and(sql`${payoutItemEntries.payoutItemId} IN ${itemIds}`, sql`${payoutItemEntries.releasedAt} IS NULL`));
}

const run = <T,>(db: Db, fn: (tx: Db) => Promise<T>) => db.transaction((tx) => fn(tx as unknown as Db));

/** The brand sent the money (uploaded the export, started the transfer): draft → processing. */
export async function startPayoutProcessing(db: Db, input: { workspaceId: string; payoutId: string; actor: Actor }) {
  return run(db, async (tx) => {
    const p = await lockPayout(tx, input.workspaceId, input.payoutId);
    if (p.status === "processing") return p;
    if (p.status !== "draft") throw new AppError("conflict", `Payout ${payoutLabel(p.number)} is ${p.status}: only a draft can start processing.`);
    const [updated] = await tx.update(payouts).set({ status: "processing", processingAt: new Date() }).where(eq(payouts.id, p.id)).returning();
    await recordAudit(tx, { workspaceId: p.workspaceId, actor: input.actor, action: "payout.processing", targetType: "payout", targetId: p.id });
    return updated!;
  });
}

/**
 * Marks every unpaid item paid (with the payout's reference, or one per item), and the payout paid.
 * A cancelled or already paid payout is a 409 and nothing changes.
 */
export async function markPayoutPaid(
  db: Db,
  input: { workspaceId: string; payoutId: string; reference?: string | null | undefined; itemReferences?: Record<string, string> | undefined; actor: Actor },
) {
  return run(db, async (tx) => {
    const p = await lockPayout(tx, input.workspaceId, input.payoutId);
    if (p.status === "paid") throw new AppError("conflict", `Payout ${payoutLabel(p.number)} is already paid.`);
    if (p.status === "cancelled") throw new AppError("conflict", `Payout ${payoutLabel(p.number)} was cancelled: it cannot be paid.`);
    const now = new Date();
    const pending = await tx
      .select({ id: payoutItems.id })
      .from(payoutItems)
      .where(and(eq(payoutItems.payoutId, p.id), eq(payoutItems.status, "pending")));
    const unknown = Object.keys(input.itemReferences ?? {}).filter((id) => !pending.some((i) => i.id === id));
    if (unknown.length > 0) throw new AppError("validation_failed", "Item references name items that are not unpaid items of this payout.", { fields: { item_references: unknown } });
    // items with a reference of their own one by one; the rest (often all 500) in one statement
    const own = Object.entries(input.itemReferences ?? {});
    for (const [itemId, reference] of own) {
      await tx.update(payoutItems).set({ status: "paid", paidAt: now, reference }).where(eq(payoutItems.id, itemId));
    }
    await tx
      .update(payoutItems)
      .set({ status: "paid", paidAt: now, reference: input.reference ?? null })
      .where(and(eq(payoutItems.payoutId, p.id), eq(payoutItems.status, "pending")));
    const [updated] = await tx
      .update(payouts)
      .set({ status: "paid", paidAt: now, reference: input.reference ?? p.reference })
      .where(eq(payouts.id, p.id))
      .returning();
    await recordAudit(tx, {
      workspaceId: p.workspaceId,
      actor: input.actor,
      action: "payout.paid",
      targetType: "payout",
      targetId: p.id,
      data: { number: p.number, reference: input.reference ?? null, items: pending.length },
    });
    const { items } = await getPayoutOrThrow(tx, { workspaceId: p.workspaceId, payoutId: p.id });
    await recordPayoutEvent(tx, { type: "payout.paid", payout: updated!, items });
    return updated!;
  });
}

/**
 * One item could not be paid (a PayPal account that refused it, a bounced transfer): it fails with
 * the reason and its entries are released back to payable, to be paid by a later run. Failing an
 * item twice, or an item of a cancelled payout, is a 409.
 */
export async function failPayoutItem(db: Db, input: { workspaceId: string; payoutId: string; itemId: string; reason: string; actor: Actor }) {
  const reason = input.reason.trim();
  if (!reason) throw new AppError("validation_failed", "Say why the item failed.", { fields: { reason: ["Required."] } });
  return run(db, async (tx) => {
    const p = await lockPayout(tx, input.workspaceId, input.payoutId);
    const [item] = await tx
      .select()
      .from(payoutItems)
      .where(and(eq(payoutItems.payoutId, p.id), eq(payoutItems.id, input.itemId)));
    if (!item) throw new AppError("not_found", "Payout item not found.");
    if (item.status === "failed") throw new AppError("conflict", "This item has already failed.");
    if (item.status === "cancelled" || p.status === "cancelled") throw new AppError("conflict", `Payout ${payoutLabel(p.number)} was cancelled.`);
    const now = new Date();
    const [updated] = await tx
      .update(payoutItems)
      .set({ status: "failed", failedAt: now, failureReason: reason.slice(0, 500) })
      .where(eq(payoutItems.id, item.id))
      .returning();
    await releaseEntries(tx, [item.id], now);
    await refreshTotal(tx, p.id);
    await recordAudit(tx, {
      workspaceId: p.workspaceId,
      actor: input.actor,
      action: "payout.item_failed",
      targetType: "payout_item",
      targetId: item.id,
      data: { payout: p.id, number: p.number, creator: item.creatorId, amount: item.amountCents, reason: reason.slice(0, 500) },
    });
    const after = await getPayoutOrThrow(tx, { workspaceId: p.workspaceId, payoutId: p.id });
    await recordPayoutEvent(tx, { type: "payout.item_failed", payout: after.payout, items: after.items, failedItem: after.items.find((i) => i.id === item.id) });
    return updated!;
  });
}

/** A draft given up: every item is cancelled and its entries released. Only a draft can be cancelled. */
export async function cancelPayout(db: Db, input: { workspaceId: string; payoutId: string; actor: Actor }) {
  return run(db, async (tx) => {
    const p = await lockPayout(tx, input.workspaceId, input.payoutId);
    if (p.status === "cancelled") return p;
    if (p.status !== "draft") throw new AppError("conflict", `Payout ${payoutLabel(p.number)} is ${p.status}: only a draft can be cancelled (fail the items that were not paid instead).`);
    const now = new Date();
    const items = await tx
      .update(payoutItems)
      .set({ status: "cancelled" })
      .where(and(eq(payoutItems.payoutId, p.id), eq(payoutItems.status, "pending")))
      .returning({ id: payoutItems.id });
    await releaseEntries(
      tx,
      items.map((i) => i.id),
      now,
    );
    const [updated] = await tx.update(payouts).set({ status: "cancelled", cancelledAt: now, totalCents: 0 }).where(eq(payouts.id, p.id)).returning();
    await recordAudit(tx, { workspaceId: p.workspaceId, actor: input.actor, action: "payout.cancelled", targetType: "payout", targetId: p.id, data: { number: p.number } });
    return updated!;
  });
}
