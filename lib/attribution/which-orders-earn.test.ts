import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries, orderLines, orders } from "@/db/schema";
import { conversionJson } from "@/lib/api/v1/serializers";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { getCreatorEarnings } from "@/lib/creators/get-creator-earnings";
import { resolveRange } from "@/lib/dashboard/date-range";
import { getCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { getWorkspaceResults } from "@/lib/dashboard/get-workspace-results";
import { rebuildRollups } from "@/lib/dashboard/rebuild-rollups";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import type { PlaceOrderInput } from "@tally/shopify-simulator";
import { createTestBrand, uniq } from "@/test/factories";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { changeConversionStatus } from "./change-conversion-status";
import { explainDecision } from "./explain-decision";
import type { Explanation } from "./types";

/**
 * Which orders earn (issue 14), through the real webhook path: the simulator places the orders and
 * sends Shopify's signed webhooks to the real intake, and every figure is read the way the product
 * reads it (conversion, ledger, dashboard, creator portal, API).
 */
const live = simulatorAndBridgeForFile();
let env: typeof live.env;
let db: Db;
beforeAll(() => {
  ({ env, db } = live);
});

const DAY = 86_400_000;

/** A brand, its store, one campaign (15 % commission) with Jane's code: a percentage (10 % off) or a fixed amount ($10 off). */
async function brand(discount: { type: "percentage"; value: number } | { type: "fixed_amount"; value: number } = { type: "percentage", value: 10 }) {
  const b = await createTestBrand(db);
  const shop = await env.connectStore(db, b.workspace.id, { plan: "plus" });
  const campaign = await createCampaign(db, {
    workspaceId: b.workspace.id,
    actor: { kind: "system" },
    campaign: ZCreateCampaign.parse({ name: `Earn ${uniq()}`, starts_at: new Date(Date.now() - 30 * DAY).toISOString(), ends_at: null, discount, commission_rate_bps: 1500 }),
  });
  const code = `JANE${uniq().toUpperCase()}`;
  const email = `jane-${uniq()}@example.com`;
  const { results } = await addCreatorsToCampaign(db, { workspaceId: b.workspace.id, campaignId: campaign.id, actor: { kind: "system" }, invitedByUserId: null, rows: [{ email, full_name: "Jane Doe", code }] });
  expect(results.every((r) => r.ok)).toBe(true);
  await drainInProcessJobs(); // the code exists in the store
  const creatorId = (results[0] as { creatorId: string }).creatorId;
  const settle = async () => {
    await env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
  };
  const place = async (input: Omit<PlaceOrderInput, "discountCodes"> & { discountCodes?: string[] }) => {
    const { order } = env.sim.placeOrder(shop.domain, { discountCodes: [code], email: `buyer-${uniq()}@shoppers.example`, ...input });
    await settle();
    return order;
  };
  const conversionOf = async (orderId: number) => (await db.select().from(conversions).where(and(eq(conversions.workspaceId, b.workspace.id), eq(conversions.shopifyOrderId, orderId))))[0];
  const orderOf = async (orderId: number) => (await db.select().from(orders).where(and(eq(orders.workspaceId, b.workspace.id), eq(orders.shopifyOrderId, orderId))))[0]!;
  const ledgerOf = async (conversionId: string) =>
    (await db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, conversionId)).orderBy(asc(ledgerEntries.id))).map((e) => ({ kind: e.kind, cause: e.causeKey, amount: e.amountCents, commission: e.commissionCents }));
  const dashboard = () => getCampaignDashboard(db, { workspaceId: b.workspace.id, campaignId: campaign.id, currency: "USD", range: resolveRange({ range: "campaign" }, new Date()) });
  const words = (c: typeof conversions.$inferSelect) => explainDecision(c.explanation as unknown as Explanation, { status: c.status, testOrder: c.testOrder }).summary;
  return { b, shop, campaign, code, creatorId, place, settle, conversionOf, orderOf, ledgerOf, dashboard, words, workspaceId: b.workspace.id };
}

const serum = { title: "Serum", price: 6000, quantity: 1 };
const giftCard = { title: "Gift card", price: 2500, quantity: 1, giftCard: true };

describe("which orders earn", () => {
  it("a test order (Bogus Gateway) with a creator's code earns nothing: no conversion, the order says why, no figure moves", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [serum], test: true });
    expect(await s.conversionOf(order.id)).toBeUndefined();
    const stored = await s.orderOf(order.id);
    expect(stored).toMatchObject({ test: true, attributionStatus: "unattributed" });
    const e = stored.attributionExplanation as unknown as Explanation;
    expect(e.rule).toBe("test_order");
    expect(explainDecision(e).summary).toBe(`Not attributed: this is a Shopify test order, and test orders earn no commission. Had it been a real order, Jane Doe (code ${s.code}) would have been credited.`);
    expect(explainDecision(e).candidates[0]!.detail).toMatch(/active when the order was placed: it would be credited, but this is a test order\.$/);
    const d = await s.dashboard();
    expect(d.tiles).toMatchObject({ orders: 0, grossCents: 0, netCommissionCents: 0, awaitingPayment: { orders: 0 } });
    const earnings = await getCreatorEarnings(db, s.creatorId);
    expect(earnings.orders).toEqual([]);
    expect(earnings.totals).toEqual([]);
  });

  it("a gift card beside a product, with a percentage code: the gift card takes no discount and earns nothing; the explanation names it", async () => {
    const s = await brand({ type: "percentage", value: 10 });
    const order = await s.place({ lineItems: [serum, giftCard] });
    // Shopify: the 10 % applies to the serum only (6,000 → 5,400); the subtotal holds the gift card (7,900).
    expect(order.lineItems[1]!.allocations).toEqual([]);
    const stored = await s.orderOf(order.id);
    expect(stored.subtotalCents).toBe(7900);
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, stored.id)).orderBy(asc(orderLines.position));
    expect(lines.map((l) => ({ title: l.title, q: l.quantity, price: l.priceCents, discount: l.discountCents, gift: l.giftCard, taxable: l.taxable }))).toEqual([
      { title: "Serum", q: 1, price: 6000, discount: 600, gift: false, taxable: true },
      { title: "Gift card", q: 1, price: 2500, discount: 0, gift: true, taxable: false },
    ]);
    expect(lines[0]!.productId).toBe(order.lineItems[0]!.productId);
    expect(lines[0]!.variantId).toBe(order.lineItems[0]!.variantId);
    expect(lines[0]!.discountAllocations).toEqual([{ applicationIndex: 0, amountCents: 600 }]);
    const c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "approved", orderAmountCents: 5400, commissionCents: 810 });
    expect(s.words(c)).toBe(`Credited to Jane Doe (code ${s.code}): 15 % commission of $54.00 = $8.10. Gift cards earn no commission: Gift card ($25.00) left out of the $79.00 subtotal.`);
    expect((await s.dashboard()).tiles).toMatchObject({ orders: 1, grossCents: 5400, netCommissionCents: 810 });
  });

  it("a gift card beside a product, with a fixed-amount code: the $10 comes off the product only", async () => {
    const s = await brand({ type: "fixed_amount", value: 1000 });
    const order = await s.place({ lineItems: [serum, giftCard] });
    const c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "approved", orderAmountCents: 5000, commissionCents: 750 });
    expect((c.explanation as unknown as Explanation).amount.excludedLines).toEqual([{ title: "Gift card", quantity: 1, amountCents: 2500, reason: "gift_card" }]);
  });

  it("gift cards only, with the creator's code typed: no conversion", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [{ ...giftCard, quantity: 2 }] });
    expect(await s.conversionOf(order.id)).toBeUndefined();
    const e = (await s.orderOf(order.id)).attributionExplanation as unknown as Explanation;
    expect(e.rule).toBe("gift_cards_only");
    expect(explainDecision(e).summary).toBe("Not attributed: the order holds only gift cards (Gift card × 2 ($50.00)), and gift cards earn no commission.");
  });

  it("a refund of the gift-card line reverses nothing; a refund of the product reverses its share", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [serum, giftCard] });
    env.sim.refund(s.shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[1]!.id, quantity: 1 }] });
    await s.settle();
    let c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ orderAmountCents: 5400, refundAmountCents: 0, refundedCommissionCents: 0, status: "approved" });
    expect((await s.ledgerOf(c.id)).map((e) => e.kind)).toEqual(["sale"]);
    env.sim.refund(s.shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] });
    await s.settle();
    c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ refundAmountCents: 5400, refundedCommissionCents: 810, status: "reversed" });
  });

  it("pending → paid: awaiting payment (no ledger money) until Shopify says paid, then earned on the order's day", async () => {
    const s = await brand();
    const placedAt = Date.now() - 2 * DAY;
    const order = await s.place({ lineItems: [serum], financialStatus: "pending", gateway: "Cash on Delivery (COD)", createdAt: placedAt });
    let c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "pending", orderAmountCents: 0, commissionCents: 0, pendingAmountCents: 5400, pendingCommissionCents: 810 });
    expect(await s.ledgerOf(c.id)).toEqual([]);
    expect(s.words(c)).toBe(`Awaiting payment: Shopify says the order is pending. Once it is paid, Jane Doe (code ${s.code}) earns 15 % commission of $54.00 = $8.10; until then nothing is earned.`);
    expect((await s.orderOf(order.id)).paidAt).toBeNull();
    let d = await s.dashboard();
    expect(d.tiles).toMatchObject({ orders: 0, grossCents: 0, netCommissionCents: 0, awaitingPayment: { orders: 1, amountCents: 5400, commissionCents: 810 } });
    expect(d.creators[0]!.awaitingPayment).toEqual({ orders: 1, amountCents: 5400, commissionCents: 810 });
    let earnings = await getCreatorEarnings(db, s.creatorId);
    expect(earnings.totals[0]).toMatchObject({ orders: 0, earnedCents: 0, netCents: 0, awaitingPaymentOrders: 1, awaitingPaymentCents: 810 });
    expect(earnings.orders[0]).toMatchObject({ status: "pending", amountCents: 5400, commissionCents: 810 });
    expect(conversionJson(c)).toMatchObject({ status: "pending", order_amount: 0, commission_amount: 0, net_commission: 0, pending_amount: 5400, pending_commission: 810 });
    // The brand cannot approve or deny what is not paid yet.
    await expect(changeConversionStatus(db, { workspaceId: s.workspaceId, conversionId: c.id, to: "approved", userId: s.b.user.id })).rejects.toMatchObject({ code: "conflict" });

    const paidAt = Date.now() - DAY;
    env.sim.markPaid(s.shop.domain, order.id, { at: paidAt });
    await s.settle();
    c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "approved", orderAmountCents: 5400, commissionCents: 810, pendingAmountCents: 0, pendingCommissionCents: 0 });
    const ledger = await db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c.id));
    expect(ledger.map((e) => ({ kind: e.kind, cause: e.causeKey, amount: e.amountCents, commission: e.commissionCents }))).toEqual([{ kind: "sale", cause: "sale", amount: 5400, commission: 810 }]);
    // Dated on the order's day (as every sale), while the order remembers when it became paid.
    expect(ledger[0]!.occurredAt.getTime()).toBe(Math.floor(placedAt / 1000) * 1000);
    expect((await s.orderOf(order.id)).paidAt!.getTime()).toBe(Math.floor(paidAt / 1000) * 1000);
    d = await s.dashboard();
    expect(d.tiles).toMatchObject({ orders: 1, grossCents: 5400, netCommissionCents: 810, awaitingPayment: { orders: 0, amountCents: 0, commissionCents: 0 } });
    earnings = await getCreatorEarnings(db, s.creatorId);
    expect(earnings.totals[0]).toMatchObject({ orders: 1, earnedCents: 810, netCents: 810, awaitingPaymentOrders: 0, awaitingPaymentCents: 0 });
    expect(s.words(c)).toBe(`Credited to Jane Doe (code ${s.code}): 15 % commission of $54.00 = $8.10.`);
    // The rollups the triggers kept equal the ones rebuilt from the ledger and the conversions.
    const kept = await s.dashboard();
    await rebuildRollups(db, { workspaceId: s.workspaceId });
    expect(await s.dashboard()).toEqual({ ...kept, generatedAt: expect.any(String) });
  });

  it("an order paid from the start is paid when it was processed", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [serum] });
    const stored = await s.orderOf(order.id);
    expect(stored.paidAt!.getTime()).toBe(stored.processedAt!.getTime());
  });

  it("authorized → voided → cancelled: pending, then voided with nothing earned; the cancellation changes nothing", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [serum], financialStatus: "authorized" });
    let c = (await s.conversionOf(order.id))!;
    expect(c.status).toBe("pending");
    expect(s.words(c)).toContain("Awaiting payment: Shopify says the order is authorized.");
    env.sim.voidPayment(s.shop.domain, order.id);
    await s.settle();
    c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "voided", orderAmountCents: 0, commissionCents: 0, pendingAmountCents: 0, pendingCommissionCents: 0 });
    expect(s.words(c)).toBe(`Voided: the order was never paid (its payment was voided, or it was cancelled before payment), so nothing was earned. Jane Doe (code ${s.code}) would have earned 15 % commission of $54.00 = $8.10.`);
    env.sim.cancel(s.shop.domain, order.id, {});
    await s.settle();
    c = (await s.conversionOf(order.id))!;
    expect(c.status).toBe("voided");
    expect(await s.ledgerOf(c.id)).toEqual([]);
    expect((await s.dashboard()).tiles).toMatchObject({ orders: 0, grossCents: 0, refundCents: 0, awaitingPayment: { orders: 0, amountCents: 0 } });
    const earnings = await getCreatorEarnings(db, s.creatorId);
    expect(earnings.orders[0]).toMatchObject({ status: "voided" });
    expect(earnings.totals[0]).toMatchObject({ orders: 0, netCents: 0, awaitingPaymentOrders: 0 });
    await expect(changeConversionStatus(db, { workspaceId: s.workspaceId, conversionId: c.id, to: "approved", userId: s.b.user.id })).rejects.toMatchObject({ code: "conflict" });
  });

  it("a pending order cancelled before payment is voided too", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [serum], financialStatus: "pending" });
    env.sim.cancel(s.shop.domain, order.id, {});
    await s.settle();
    expect(await s.conversionOf(order.id)).toMatchObject({ status: "voided", pendingAmountCents: 0 });
  });

  it("partially_paid → paid: pending until all of it is paid", async () => {
    const s = await brand();
    const order = await s.place({ lineItems: [serum], financialStatus: "partially_paid", paidAmount: 2000 });
    expect((await s.orderOf(order.id)).financialStatus).toBe("partially_paid");
    expect(await s.conversionOf(order.id)).toMatchObject({ status: "pending", pendingCommissionCents: 810 });
    env.sim.markPaid(s.shop.domain, order.id);
    await s.settle();
    expect(await s.conversionOf(order.id)).toMatchObject({ status: "approved", orderAmountCents: 5400, commissionCents: 810 });
  });

  it("self-referral still applies once paid: a pending self-referral becomes denied, never approved", async () => {
    const s = await brand();
    const jane = (await db.select().from(conversions).where(eq(conversions.creatorId, s.creatorId)))[0];
    expect(jane).toBeUndefined();
    const email = (await db.query.creators.findFirst({ where: (t, { eq: is }) => is(t.id, s.creatorId) }))!.email;
    const order = await s.place({ lineItems: [serum], financialStatus: "pending", email });
    let c = (await s.conversionOf(order.id))!;
    expect(c.status).toBe("pending");
    expect(s.words(c)).toContain("Once paid it will be denied: self-referral (the order's email is Jane Doe's own).");
    env.sim.markPaid(s.shop.domain, order.id);
    await s.settle();
    c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "denied", orderAmountCents: 5400, commissionCents: 0 });
  });

  it("a denied conversion stays denied when fully refunded or cancelled, and its story starts with Denied", async () => {
    const s = await brand();
    const email = (await db.query.creators.findFirst({ where: (t, { eq: is }) => is(t.id, s.creatorId) }))!.email;
    const refunded = await s.place({ lineItems: [serum], email });
    const cancelled = await s.place({ lineItems: [serum], email });
    env.sim.refund(s.shop.domain, refunded.id, { lineItems: [{ lineItemId: refunded.lineItems[0]!.id, quantity: 1 }] });
    env.sim.cancel(s.shop.domain, cancelled.id, { refund: true });
    await s.settle();
    for (const o of [refunded, cancelled]) {
      const c = (await s.conversionOf(o.id))!;
      expect(c).toMatchObject({ status: "denied", commissionCents: 0, refundAmountCents: 5400, refundedCommissionCents: 0 });
      expect(s.words(c)).toMatch(/^Denied: self-referral \(the order's email is Jane Doe's own\)\./);
    }
  });

  it("an unknown financial_status counts as unpaid", async () => {
    const s = await brand();
    const order = env.sim.placeOrder(s.shop.domain, { lineItems: [serum], discountCodes: [s.code] }, { drop: true }).order;
    const payload = { ...env.sim.orderPayload(s.shop.domain, order.id), financial_status: "awaiting_bank_magic" };
    const { receiveShopifyWebhook } = await import("@/lib/webhooks/receive-shopify-webhook");
    const { webhookRequest } = await import("@/test/shopify");
    const body = JSON.stringify(payload);
    const res = await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: s.shop.domain }) });
    expect(res.status).toBe(200);
    await drainInProcessJobs();
    const c = (await s.conversionOf(order.id))!;
    expect(c.status).toBe("pending");
    expect(s.words(c)).toContain(`Shopify's payment status is "awaiting_bank_magic", which Tally does not know, so the order counts as unpaid.`);
  });

  it("lines that do not add up to the subtotal: recorded, attributed on Shopify's subtotal, flagged with the discrepancy, the delivery never fails", async () => {
    const s = await brand();
    const order = env.sim.placeOrder(s.shop.domain, { lineItems: [serum], discountCodes: [s.code] }, { drop: true }).order;
    const payload = env.sim.orderPayload(s.shop.domain, order.id) as Record<string, unknown>;
    const lines = payload.line_items as Record<string, unknown>[];
    // A line whose price says 70.00 while the order states a 54.00 subtotal.
    const bad = { ...payload, line_items: [{ ...lines[0]!, price: "70.00", price_set: { shop_money: { amount: "70.00", currency_code: "USD" }, presentment_money: { amount: "70.00", currency_code: "USD" } } }] };
    const { receiveShopifyWebhook } = await import("@/lib/webhooks/receive-shopify-webhook");
    const { webhookRequest } = await import("@/test/shopify");
    const body = JSON.stringify(bad);
    expect((await receiveShopifyWebhook(db, { rawBody: body, request: webhookRequest({ body, topic: "orders/create", shop: s.shop.domain }) })).status).toBe(200);
    await drainInProcessJobs();
    const c = (await s.conversionOf(order.id))!;
    expect(c).toMatchObject({ status: "flagged", orderAmountCents: 5400, commissionCents: 810 });
    expect(s.words(c)).toContain("Flagged for review: the order's lines add up to $64.00, but Shopify states a subtotal of $54.00; the commission is on Shopify's subtotal.");
  });

  it("the overview counts awaiting payment apart", async () => {
    const s = await brand();
    await s.place({ lineItems: [serum], financialStatus: "pending" });
    await s.place({ lineItems: [serum] });
    const overview = await getWorkspaceResults(db, { workspaceId: s.workspaceId });
    expect(overview.campaigns[0]).toMatchObject({ orders: 1, netCommissionCents: 810, awaitingPayment: { orders: 1, commissionCents: 810 } });
  });
});
