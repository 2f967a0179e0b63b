import type { Db } from "@/db/client";
import { getConversionPayoutStates } from "@/lib/payouts/conversion-payout-states";
import { getBalances } from "@/lib/payouts/get-balances";
import { listCreatorPayoutItems, listPayoutItemLines } from "@/lib/payouts/list-payouts";
import { payoutLabel } from "@/lib/payouts/create-payout";
import type { CreatorBalance, CreatorOrder, CreatorPayoutItem, EarningsTotals } from "./earnings-types";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * The creator portal's payout figures, scoped by the creator id: balances per brand and currency,
 * the payout items that paid them (with clawback lines), and each order's payout state.
 */
export async function getCreatorPayouts(db: Db, creatorId: string, input: { orders: Omit<CreatorOrder, "payout">[]; brands: Pick<EarningsTotals, "workspaceId" | "brand">[]; now: Date }) {
  const [balances, items, states] = await Promise.all([
    getBalances(db, { creatorId }, input.now),
    listCreatorPayoutItems(db, creatorId),
    getConversionPayoutStates(
      db,
      {
        creatorId,
        conversionIds: input.orders.map((o) => o.id),
      },
      input.now,
    ),
  ]);
  const lines = await listPayoutItemLines(db, { creatorId, itemIds: items.map((i) => i.item_id), deductionsOnly: true });
  const brandOf = new Map(input.brands.map((b) => [b.workspaceId, b.brand]));
  const itemBrand = new Map(items.map((i) => [i.workspace_id, i.brand]));
  return {
    balances: balances.map(
      (b): CreatorBalance => ({
        workspaceId: b.workspaceId,
        brand: brandOf.get(b.workspaceId) ?? itemBrand.get(b.workspaceId) ?? "",
        currency: b.currency,
        pending: b.pending,
        payable: b.payable,
        inPayouts: b.inPayouts,
        paid: b.paid,
        nextPayableAt: iso(b.nextPayableAt),
      }),
    ),
    items: items.map(
      (i): CreatorPayoutItem => ({
        id: i.item_id,
        brand: i.brand,
        payout: payoutLabel(Number(i.number)),
        status: i.status,
        amountCents: Number(i.amount_cents),
        currency: i.currency,
        orders: Number(i.orders_count),
        reference: i.reference,
        failureReason: i.failure_reason,
        periodStart: iso(i.period_start)!,
        periodEnd: iso(i.period_end)!,
        paidAt: iso(i.paid_at),
        createdAt: iso(i.created_at)!,
        deductions: lines.filter((l) => l.itemId === i.item_id).map((l) => ({ kind: l.kind, orderName: l.orderName, commissionCents: l.commissionCents, clawbackOf: l.clawbackOf ? { label: l.clawbackOf.label } : null })),
      }),
    ),
    orders: input.orders.map((o): CreatorOrder => {
      const s = states.get(o.id);
      return {
        ...o,
        payout: s ? { payableAt: s.payableAt.toISOString(), pending: s.pending, payable: s.payable, inPayouts: s.inPayouts, paid: s.paid, clawedBack: s.clawedBack, paidIn: s.paidIn } : null,
      };
    }),
  };
}
