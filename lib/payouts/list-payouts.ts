import { and, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { creators, payoutItems, payouts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { payoutLabel } from "./payout-label";

export type PayoutRow = typeof payouts.$inferSelect;
/** `payoutEmail`: the creator's payout email (Profile), else their sign-in email. */
export type PayoutItemRow = typeof payoutItems.$inferSelect & { creatorName: string | null; creatorEmail: string; payoutEmail: string };

/** A workspace's payouts, newest first (keyset on `number`). */
export async function listPayouts(db: Db, input: { workspaceId: string; limit?: number; beforeNumber?: number | undefined }) {
  const limit = input.limit ?? 50;
  const rows = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.workspaceId, input.workspaceId), input.beforeNumber !== undefined ? sql`${payouts.number} < ${input.beforeNumber}` : undefined))
    .orderBy(desc(payouts.number))
    .limit(limit + 1);
  return { rows: rows.slice(0, limit), next: rows.length > limit ? rows[limit - 1]!.number : null };
}

/** One payout of the workspace (404 for another workspace's), with its items and their creators. */
export async function getPayoutOrThrow(db: Db, input: { workspaceId: string; payoutId: string }) {
  const [payout] = await db
    .select()
    .from(payouts)
    .where(and(eq(payouts.workspaceId, input.workspaceId), eq(payouts.id, input.payoutId)));
  if (!payout) throw new AppError("not_found", "Payout not found.");
  const items = await db
    .select({ item: payoutItems, creatorName: creators.fullName, creatorEmail: creators.email, payoutEmail: creators.payoutEmail })
    .from(payoutItems)
    .innerJoin(creators, eq(creators.id, payoutItems.creatorId))
    .where(and(eq(payoutItems.workspaceId, input.workspaceId), eq(payoutItems.payoutId, payout.id)))
    .orderBy(desc(payoutItems.amountCents), payoutItems.id);
  return {
    payout,
    items: items.map((r): PayoutItemRow => ({ ...r.item, creatorName: r.creatorName, creatorEmail: r.creatorEmail, payoutEmail: r.payoutEmail ?? r.creatorEmail })),
  };
}

export type PayoutItemLine = {
  itemId: string;
  entryId: string;
  kind: string;
  orderName: string;
  commissionCents: number;
  occurredAt: Date;
  /** For a clawback: the payout that had paid this order's commission before. */
  clawbackOf: { number: number; label: string } | null;
};

/**
 * The ledger entries an item pays, oldest first. A negative entry whose order's commission was paid
 * by an earlier payout is a clawback ("refund of #1036 after payout P-0003").
 */
export async function listPayoutItemLines(
  db: Db,
  input:
    | { workspaceId: string; itemId: string; payoutId?: undefined; deductionsOnly?: boolean }
    | { workspaceId: string; payoutId: string; itemId?: undefined; deductionsOnly?: boolean }
    | { creatorId: string; itemIds: string[]; deductionsOnly?: boolean },
): Promise<PayoutItemLine[]> {
  if ("itemIds" in input && input.itemIds.length === 0) return [];
  const which =
    "creatorId" in input
      ? sql`x.payout_item_id IN (SELECT id FROM payout_items WHERE creator_id = ${input.creatorId} AND id IN ${input.itemIds})`
      : input.itemId
        ? sql`x.workspace_id = ${input.workspaceId} AND x.payout_item_id = ${input.itemId}`
        : sql`x.workspace_id = ${input.workspaceId} AND x.payout_item_id IN (SELECT id FROM payout_items WHERE workspace_id = ${input.workspaceId} AND payout_id = ${input.payoutId!})`;
  const rows = await queryRows<{ item_id: string; entry_id: string; kind: string; order_name: string; commission_cents: string; occurred_at: Date | string; paid_in: number | null }>(
    db,
    sql`
      SELECT x.payout_item_id AS item_id, e.id AS entry_id, e.kind, c.order_name, e.commission_cents, e.occurred_at,
        CASE WHEN e.commission_cents < 0 THEN (
          SELECT p2.number FROM ledger_entries e2
          JOIN payout_item_entries x2 ON x2.ledger_entry_id = e2.id AND x2.released_at IS NULL
          JOIN payout_items i2 ON i2.id = x2.payout_item_id AND i2.status = 'paid' AND i2.id <> x.payout_item_id
          JOIN payouts p2 ON p2.id = i2.payout_id
          WHERE e2.conversion_id = e.conversion_id AND e2.commission_cents > 0
          ORDER BY p2.number DESC LIMIT 1) END AS paid_in
      FROM payout_item_entries x
      JOIN ledger_entries e ON e.id = x.ledger_entry_id
      JOIN conversions c ON c.id = e.conversion_id
      WHERE ${which} ${input.deductionsOnly ? sql`AND e.commission_cents < 0` : sql``}
        AND (x.released_at IS NULL OR NOT EXISTS (SELECT 1 FROM payout_items i WHERE i.id = x.payout_item_id AND i.status IN ('pending', 'paid')))
      ORDER BY e.occurred_at, e.id`,
  );
  return rows.map((r) => ({
    itemId: r.item_id,
    entryId: r.entry_id,
    kind: r.kind,
    orderName: r.order_name,
    commissionCents: Number(r.commission_cents),
    occurredAt: new Date(r.occurred_at),
    clawbackOf: r.paid_in === null ? null : { number: Number(r.paid_in), label: payoutLabel(Number(r.paid_in)) },
  }));
}

/** A creator's payout items across brands (the creator portal's "Paid" history), newest first. */
export async function listCreatorPayoutItems(db: Db, creatorId: string, limit = 100) {
  return queryRows<{
    item_id: string;
    workspace_id: string;
    brand: string;
    number: number;
    payout_status: string;
    status: string;
    amount_cents: string;
    currency: string;
    orders_count: number;
    reference: string | null;
    failure_reason: string | null;
    period_start: Date | string;
    period_end: Date | string;
    paid_at: Date | string | null;
    created_at: Date | string;
  }>(
    db,
    sql`SELECT i.id AS item_id, i.workspace_id, w.name AS brand, p.number, p.status AS payout_status, i.status, i.amount_cents, i.currency, i.orders_count,
          i.reference, i.failure_reason, i.period_start, i.period_end, i.paid_at, i.created_at
        FROM payout_items i JOIN payouts p ON p.id = i.payout_id JOIN workspaces w ON w.id = i.workspace_id
        WHERE i.creator_id = ${creatorId} AND i.status <> 'cancelled'
        ORDER BY i.created_at DESC LIMIT ${limit}`,
  );
}
