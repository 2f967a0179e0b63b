import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { conversions, payoutItems, payouts } from "@/db/schema";
import { changeConversionStatus } from "@/lib/attribution/change-conversion-status";
import { AppError } from "@/lib/errors";
import { CODES, DAY, orderPayload, payoutsSetup as setup, refundPayload } from "@/test/payouts";
import { cancelPayout, failPayoutItem, markPayoutPaid } from "./change-payout";
import { createPayout } from "./create-payout";
import { balancesFromLedger } from "./balances-from-ledger";
import { getBalances } from "./get-balances";
import { updatePayoutHoldDays } from "./update-payout-settings";

type Action =
  | { t: "order"; creator: number; daysAgo: number; paid: boolean }
  | { t: "pay"; order: number }
  | { t: "refund"; order: number; cents: number }
  | { t: "cancel"; order: number }
  | { t: "status"; order: number; to: "approved" | "denied" }
  | { t: "hold"; days: number }
  | { t: "run"; minimum: number }
  | { t: "paid" }
  | { t: "fail"; item: number }
  | { t: "cancelPayout" };

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ t: fc.constant("order" as const), creator: fc.integer({ min: 0, max: 1 }), daysAgo: fc.integer({ min: 0, max: 60 }), paid: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("pay" as const), order: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant("refund" as const), order: fc.nat(), cents: fc.integer({ min: 1, max: 6000 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("cancel" as const), order: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("status" as const), order: fc.nat(), to: fc.constantFrom("approved" as const, "denied" as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("hold" as const), days: fc.constantFrom(0, 7, 30, 90) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("run" as const), minimum: fc.constantFrom(0, 0, 500, 2000) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant("paid" as const) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant("fail" as const), item: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant("cancelPayout" as const) }) },
);

/** Business refusals (409 nothing payable, a run in progress, nothing left to refund…) are fine; anything else fails the test. */
async function tolerate(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (!(e instanceof AppError) || e.status >= 500) throw e;
  }
}

async function checkInvariant(s: Awaited<ReturnType<typeof setup>>, step: string) {
  const asOf = new Date();
  const balances = await getBalances(s.db, { workspaceId: s.workspaceId }, asOf);
  // the fast balances (cached net, the tail inside the hold, payout items) are what every entry says
  expect({ step, balances }).toEqual({ step, balances: await balancesFromLedger(s.db, { workspaceId: s.workspaceId }, asOf) });
  for (const creatorId of s.creatorIds) {
    expect({ step, creator: await getBalances(s.db, { creatorId }, asOf) }).toEqual({ step, creator: await balancesFromLedger(s.db, { creatorId }, asOf) });
  }
  const convs = await s.db.select().from(conversions).where(eq(conversions.workspaceId, s.workspaceId));
  for (const creatorId of s.creatorIds) {
    const b = balances.find((x) => x.creatorId === creatorId) ?? { pending: 0, payable: 0, inPayouts: 0, paid: 0, net: 0 };
    // the conversions' running totals are maintained apart from the entries: an independent net
    const netFromConversions = convs.filter((c) => c.creatorId === creatorId).reduce((sum, c) => sum + c.commissionCents - c.refundedCommissionCents, 0);
    expect({ step, sum: b.pending + b.payable + b.inPayouts + b.paid }).toEqual({ step, sum: netFromConversions });
    expect(b.net).toBe(netFromConversions);
    expect(b.paid).toBeGreaterThanOrEqual(0);
  }
  // every live item is exactly the sum of the entries stamped with it; every payout the sum of its live items
  const items = await queryRows<{ id: string; status: string; amount_cents: string; stamped: string | null; live: string }>(
    s.db,
    sql`SELECT i.id, i.status, i.amount_cents,
          (SELECT SUM(e.commission_cents) FROM payout_item_entries x JOIN ledger_entries e ON e.id = x.ledger_entry_id WHERE x.payout_item_id = i.id AND x.released_at IS NULL) AS stamped,
          (SELECT COUNT(*) FROM payout_item_entries x WHERE x.payout_item_id = i.id AND x.released_at IS NULL) AS live
        FROM payout_items i WHERE i.workspace_id = ${s.workspaceId}`,
  );
  for (const i of items) {
    if (i.status === "pending" || i.status === "paid") expect(Number(i.stamped)).toBe(Number(i.amount_cents));
    else expect(Number(i.live)).toBe(0);
  }
  const ps = await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId));
  for (const p of ps) {
    const live = await s.db.select().from(payoutItems).where(and(eq(payoutItems.payoutId, p.id), sql`${payoutItems.status} IN ('pending', 'paid')`));
    expect(p.totalCents).toBe(live.reduce((sum, i) => sum + i.amountCents, 0));
  }
}

describe("payout balances", () => {
  it("pending + payable + in payouts + paid = the net ledger, for every creator, after every step of random sequences", async () => {
    const seen = { paidItems: 0, failedItems: 0, clawbacks: 0, pending: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 26 }), async (drawn) => {
        // every sequence starts with sales: one past any hold, one inside it, one awaiting payment
        const actions: Action[] = [
          { t: "order", creator: 0, daysAgo: 45, paid: true },
          { t: "order", creator: 1, daysAgo: 40, paid: true },
          { t: "order", creator: 0, daysAgo: 3, paid: false },
          ...drawn,
        ];
        const s = await setup();
        const actor = { kind: "user" as const, id: s.brand.user.id };
        const orders: { id: number; creator: number; paidYet: boolean }[] = [];
        let refundSeq = 1;
        const base = 7_000_000_000 + Math.floor(Math.random() * 1_000_000) * 100;
        for (const [n, a] of actions.entries()) {
          const pick = (i: number) => (orders.length ? orders[i % orders.length]! : null);
          const latestPayout = async () =>
            (await s.db.select().from(payouts).where(eq(payouts.workspaceId, s.workspaceId)).orderBy(sql`${payouts.number} DESC`).limit(1))[0];
          switch (a.t) {
            case "order": {
              const id = base + orders.length;
              const at = new Date(Date.now() - a.daysAgo * DAY);
              await s.send("orders/create", orderPayload(id, CODES[a.creator]!, at, a.paid ? {} : { financial_status: "pending" }));
              orders.push({ id, creator: a.creator, paidYet: a.paid });
              break;
            }
            case "pay": {
              const o = pick(a.order);
              if (!o || o.paidYet) break;
              const now = new Date();
              await s.send("orders/updated", orderPayload(o.id, CODES[o.creator]!, new Date(now.getTime() - 2 * DAY), { updated_at: now.toISOString(), financial_status: "paid" }));
              o.paidYet = true;
              break;
            }
            case "refund": {
              const o = pick(a.order);
              if (!o || !o.paidYet) break;
              await s.send("refunds/create", refundPayload(base + 50_000 + refundSeq++, o.id, a.cents, new Date()));
              break;
            }
            case "cancel": {
              const o = pick(a.order);
              if (!o) break;
              const now = new Date().toISOString();
              await s.send("orders/cancelled", orderPayload(o.id, CODES[o.creator]!, new Date(Date.now() - 2 * DAY), { cancelled_at: now, updated_at: now, financial_status: o.paidYet ? "paid" : "voided" }));
              break;
            }
            case "status": {
              const o = pick(a.order);
              if (!o) break;
              const [c] = await s.db.select().from(conversions).where(and(eq(conversions.workspaceId, s.workspaceId), eq(conversions.shopifyOrderId, o.id)));
              if (c) await tolerate(changeConversionStatus(s.db, { workspaceId: s.workspaceId, conversionId: c.id, to: a.to, userId: s.brand.user.id }));
              break;
            }
            case "hold":
              await updatePayoutHoldDays(s.db, { workspaceId: s.workspaceId, holdDays: a.days, actor });
              break;
            case "run":
              await tolerate(createPayout(s.db, { workspaceId: s.workspaceId, currency: "USD", minimumAmountCents: a.minimum, actor }));
              break;
            case "paid": {
              const p = await latestPayout();
              if (p) await tolerate(markPayoutPaid(s.db, { workspaceId: s.workspaceId, payoutId: p.id, reference: `REF-${p.number}`, actor }));
              break;
            }
            case "fail": {
              const p = await latestPayout();
              if (!p) break;
              const items = await s.db.select().from(payoutItems).where(eq(payoutItems.payoutId, p.id)).orderBy(payoutItems.id);
              const item = items[a.item % Math.max(1, items.length)];
              if (item) await tolerate(failPayoutItem(s.db, { workspaceId: s.workspaceId, payoutId: p.id, itemId: item.id, reason: "PayPal account closed", actor }));
              break;
            }
            case "cancelPayout": {
              const p = await latestPayout();
              if (p) await tolerate(cancelPayout(s.db, { workspaceId: s.workspaceId, payoutId: p.id, actor }));
              break;
            }
          }
          await checkInvariant(s, `${n}: ${JSON.stringify(a)}`);
        }
        const [counts] = await queryRows<{ paid: string; failed: string; clawbacks: string }>(
          s.db,
          sql`SELECT (SELECT COUNT(*) FROM payout_items WHERE workspace_id = ${s.workspaceId} AND status = 'paid') AS paid,
                     (SELECT COUNT(*) FROM payout_items WHERE workspace_id = ${s.workspaceId} AND status = 'failed') AS failed,
                     (SELECT COUNT(*) FROM payout_item_entries x JOIN ledger_entries e ON e.id = x.ledger_entry_id WHERE x.workspace_id = ${s.workspaceId} AND e.commission_cents < 0) AS clawbacks`,
        );
        seen.paidItems += Number(counts!.paid);
        seen.failedItems += Number(counts!.failed);
        seen.clawbacks += Number(counts!.clawbacks);
        seen.pending += (await getBalances(s.db, { workspaceId: s.workspaceId })).filter((b) => b.pending !== 0).length;
      }),
      { numRuns: 12, seed: 1707 },
    );
    // the sequences did reach every state the invariant is about
    expect(seen.paidItems).toBeGreaterThan(0);
    expect(seen.failedItems).toBeGreaterThan(0);
    expect(seen.clawbacks).toBeGreaterThan(0);
    expect(seen.pending).toBeGreaterThan(0);
  }, 300_000);
});
