import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, orderLines, orders, syncRuns } from "@/db/schema";
import { explainDecision } from "@/lib/attribution/explain-decision";
import type { Explanation } from "@/lib/attribution/types";
import { getCreatorEarnings } from "@/lib/creators/get-creator-earnings";
import { resolveRange } from "@/lib/dashboard/date-range";
import { getCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { rebuildRollups } from "@/lib/dashboard/rebuild-rollups";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { appendLedgerEntry } from "@/lib/ledger/append-ledger-entry";
import { recordOrder } from "@/lib/orders/record-order";
import type { OrderRecord } from "@tally/shopify-simulator";
import { ZOrderPayload } from "@/lib/shopify/payloads";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { startReconciliation } from "./start-sync";
import { brandWithCodes } from "@/test/campaign-orders";

/**
 * Orders credited before Tally's eligibility rules (issue 14) — a test order, a gift card counted as
 * revenue, an unpaid order approved at once, an unpaid order cancelled — are corrected by a
 * reconciliation run through ledger entries that say why; old entries are never edited.
 */
const live = simulatorAndBridgeForFile();
let env: typeof live.env;
let db: Db;
beforeAll(() => {
  ({ env, db } = live);
});

type Setup = Awaited<ReturnType<typeof brandWithCodes>>;

/**
 * What the code before issue 14 wrote for an order: its facts without lines, a conversion approved at
 * once on the whole subtotal (gift cards and all, paid or not, test or not), its words stored as text,
 * and the sale in the ledger; a cancellation reversed it all.
 */
async function creditUnderOldRules(setup: Setup, order: OrderRecord) {
  const payload = ZOrderPayload.parse(env.sim.orderPayload(setup.shop.domain, order.id));
  const { id: orderId } = await recordOrder(db, { workspaceId: setup.workspaceId, shopId: setup.shop.id, order: payload });
  await db.delete(orderLines).where(eq(orderLines.orderId, orderId));
  const [o] = await db.update(orders).set({ linesRecorded: false, paidAt: null, attributionStatus: "attributed" }).where(eq(orders.id, orderId)).returning();
  const [enrollment] = await db.query.enrollments.findMany({ where: (t, { eq: is }) => is(t.campaignId, setup.campaign.id), limit: 1 });
  const code = setup.codes[0]!;
  const amount = o!.subtotalCents;
  const commission = Math.floor((amount * 1500 + 5000) / 10_000);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [c] = await tx
      .insert(conversions)
      .values({
        workspaceId: setup.workspaceId,
        shopId: setup.shop.id,
        orderId,
        shopifyOrderId: order.id,
        orderName: order.name,
        orderCreatedAt: o!.shopifyCreatedAt,
        campaignId: setup.campaign.id,
        creatorId: enrollment!.creatorId,
        enrollmentId: enrollment!.id,
        type: "coupon",
        code,
        status: "approved",
        currency: "USD",
        commissionRateBps: 1500,
        orderAmountCents: 0,
        commissionCents: 0,
        explanation: { summary: `Credited to Creator 0 (code ${code}): 15 % commission.`, rule: "single_code", candidates: [], settings: {}, amount: { amountCents: amount, rateBps: 1500, commissionCents: commission, currency: "USD" } },
      })
      .returning();
    const sold = await appendLedgerEntry(tx, c!, { kind: "sale", causeKey: "sale", amountCents: amount, commissionCents: commission, occurredAt: o!.shopifyCreatedAt });
    if (o!.cancelledAt) {
      await appendLedgerEntry(tx, sold!, { kind: "cancellation", causeKey: "cancel", amountCents: -amount, commissionCents: -commission, occurredAt: o!.cancelledAt, note: "Order cancelled in Shopify." }, { status: "reversed" });
    }
  });
}

describe("reconciliation applies the eligibility rules to orders credited before them", () => {
  it("takes out a test order, an unpaid and a never-paid order, and the gift cards of another, through entries that say why", async () => {
    const setup = await brandWithCodes(db, env, { creators: 1 });
    const domain = setup.shop.domain;
    const code = setup.codes[0]!;
    const dropped = { drop: true };
    const serum = { title: "Serum", price: 6000, quantity: 1 };
    const createdAt = Date.now() - 3_600_000; // an hour ago: inside the run's window, whose end is cut to the second
    const test = env.sim.placeOrder(domain, { lineItems: [serum], discountCodes: [code], test: true, createdAt }, dropped).order;
    const gift = env.sim.placeOrder(domain, { lineItems: [serum, { title: "Gift card", price: 2500, quantity: 1, giftCard: true }], discountCodes: [code], createdAt }, dropped).order;
    const unpaid = env.sim.placeOrder(domain, { lineItems: [serum], discountCodes: [code], financialStatus: "authorized", createdAt }, dropped).order;
    const never = env.sim.placeOrder(domain, { lineItems: [serum], discountCodes: [code], financialStatus: "pending", createdAt }, dropped).order;
    env.sim.cancel(domain, never.id, {}, dropped);
    await env.sim.webhooks.waitForIdle();
    for (const o of [test, gift, unpaid, never]) await creditUnderOldRules(setup, o);

    const conversionOf = async (id: number) => (await db.select().from(conversions).where(and(eq(conversions.workspaceId, setup.workspaceId), eq(conversions.shopifyOrderId, id))))[0]!;
    const ledgerOf = async (id: number) =>
      (await db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, (await conversionOf(id)).id)).orderBy(asc(ledgerEntries.id))).map((e) => ({ kind: e.kind, cause: e.causeKey, amount: e.amountCents, commission: e.commissionCents, note: e.note }));
    const dashboard = () => getCampaignDashboard(db, { workspaceId: setup.workspaceId, campaignId: setup.campaign.id, currency: "USD", range: resolveRange({ range: "campaign" }, new Date()) });
    // Before: the old rules counted all four, gift card included (5,400 + 7,900 + 5,400 + 5,400 − 5,400 cancelled).
    expect((await dashboard()).tiles).toMatchObject({ orders: 4, grossCents: 24_100, refundCents: 5400 });

    const run = await startReconciliation(db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    const done = (await db.select().from(syncRuns).where(eq(syncRuns.id, run.id)))[0];
    expect(done).toMatchObject({ status: "completed", error: null });

    // The test order: denied as a test order, its sale taken out of every figure.
    expect(await conversionOf(test.id)).toMatchObject({ status: "denied", testOrder: true, orderAmountCents: 0, commissionCents: 0 });
    expect(await ledgerOf(test.id)).toEqual([
      { kind: "sale", cause: "sale", amount: 5400, commission: 810, note: null },
      { kind: "ineligible", cause: "ineligible:test_order", amount: -5400, commission: -810, note: expect.stringMatching(/^Test order: order #\d+ was placed as a Shopify test order, and test orders earn no commission\./) },
    ]);
    const testConversion = await conversionOf(test.id);
    expect(explainDecision(testConversion.explanation as unknown as Explanation, { status: testConversion.status, testOrder: testConversion.testOrder }).summary).toMatch(/^Test order: test orders earn no commission, so its earlier credit was taken back out of the figures\. As first credited: Credited to/);

    // The gift card: the amount corrected by reconciliation, which says why.
    expect(await conversionOf(gift.id)).toMatchObject({ status: "approved", orderAmountCents: 5400, commissionCents: 810 });
    expect((await ledgerOf(gift.id)).slice(1)).toEqual([
      {
        kind: "reconcile_amount",
        cause: `reconcile:${run.id}:amount`,
        amount: -2500,
        commission: -375,
        note: expect.stringMatching(/amounts to 54\.00 USD before refunds \(gift cards earn no commission: Gift card 25\.00 USD left out\), the ledger had 79\.00 USD/),
      },
    ]);

    // The unpaid order: back to awaiting payment, its sale out of the figures until it is paid.
    expect(await conversionOf(unpaid.id)).toMatchObject({ status: "pending", orderAmountCents: 0, commissionCents: 0, pendingAmountCents: 5400, pendingCommissionCents: 810 });
    expect((await ledgerOf(unpaid.id)).map((e) => [e.kind, e.cause, e.amount, e.commission])).toEqual([
      ["sale", "sale", 5400, 810],
      ["ineligible", "ineligible:unpaid", -5400, -810],
    ]);

    // The order cancelled unpaid: voided, the sale and its cancellation both taken out.
    expect(await conversionOf(never.id)).toMatchObject({ status: "voided", orderAmountCents: 0, commissionCents: 0, refundAmountCents: 0, refundedCommissionCents: 0 });
    expect((await ledgerOf(never.id)).map((e) => [e.kind, e.cause, e.amount, e.commission])).toEqual([
      ["sale", "sale", 5400, 810],
      ["cancellation", "cancel", -5400, -810],
      ["ineligible", "ineligible:voided", -5400, -810],
      ["ineligible_refund", "ineligible:voided:refund", 5400, 810],
    ]);

    // Every figure now says what the rules say: one earning order (the gift card's), one awaiting payment.
    const d = await dashboard();
    expect(d.tiles).toMatchObject({ orders: 1, grossCents: 5400, refundCents: 0, netCommissionCents: 810, awaitingPayment: { orders: 1, amountCents: 5400, commissionCents: 810 } });
    const earnings = await getCreatorEarnings(db, (await conversionOf(gift.id)).creatorId);
    expect(earnings.orders.map((o) => o.status).sort()).toEqual(["approved", "pending", "voided"]); // the test order is not a creator's
    expect(earnings.totals[0]).toMatchObject({ orders: 1, netCents: 810, awaitingPaymentOrders: 1, awaitingPaymentCents: 810 });
    await rebuildRollups(db, { workspaceId: setup.workspaceId });
    expect(await dashboard()).toEqual({ ...d, generatedAt: expect.any(String) });

    // A second run finds nothing to do; once the unpaid order is paid, it earns (a second sale, after the correction).
    const second = await startReconciliation(db, { workspaceId: setup.workspaceId, actor: { kind: "system" } });
    await drainInProcessJobs();
    expect((await db.select().from(syncRuns).where(eq(syncRuns.id, second.id)))[0]!.counts).toMatchObject({ differencesFound: 0 });
    expect(await ledgerOf(test.id)).toHaveLength(2);
    env.sim.markPaid(domain, unpaid.id);
    await env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    expect(await conversionOf(unpaid.id)).toMatchObject({ status: "approved", orderAmountCents: 5400, commissionCents: 810, pendingAmountCents: 0 });
    expect((await ledgerOf(unpaid.id)).map((e) => e.cause)).toEqual(["sale", "ineligible:unpaid", "sale:paid"]);
  }, 300_000);
});
