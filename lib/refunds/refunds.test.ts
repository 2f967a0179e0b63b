import fc from "fast-check";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import { conversions, ledgerEntries, refunds } from "@/db/schema";
import { uniq } from "@/test/factories";
import { webhookFixtures } from "@/test/shopify";
import { brandWithLiveCodes } from "@/test/brand-with-live-codes";

const fixtures = webhookFixtures();
const orderTemplate = JSON.parse(fixtures.find((f) => f.name === "orders-create-single-code")!.body) as Record<string, unknown>;
const refundTemplate = JSON.parse(fixtures.find((f) => f.name === "refunds-create-partial")!.body) as Record<string, unknown>;
const fullRefundFixture = JSON.parse(fixtures.find((f) => f.name === "refunds-create-full-with-shipping")!.body) as Record<string, unknown>;

/** A workspace with a store and one live creator code (written directly: no Shopify needed here). */
async function setup(opts: { creatorEmail?: string } = {}) {
  const { db, brand, shop, send } = await brandWithLiveCodes("Refunds", [{ code: "JANE15", fullName: "Jane Doe", email: opts.creatorEmail ?? `jane-${uniq()}@example.com` }], { discountPercent: 10 });
  const conversion = async (orderId: number) =>
    (await db.select().from(conversions).where(and(eq(conversions.workspaceId, brand.workspace.id), eq(conversions.shopifyOrderId, orderId))))[0];
  const ledger = async (orderId: number) => {
    const c = await conversion(orderId);
    if (!c) return [];
    return (await db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c.id)).orderBy(asc(ledgerEntries.causeKey))).map((e) => ({
      kind: e.kind,
      cause: e.causeKey,
      amount: e.amountCents,
      commission: e.commissionCents,
    }));
  };
  return { db, brand, shop, send, conversion, ledger };
}

const order = (id: number, over: Record<string, unknown> = {}) => ({ ...orderTemplate, id, ...over });
/** A refund of one line with the given merchandise amount (cents), optionally with shipping. */
function refund(id: number, orderId: number, cents: number, opts: { shippingCents?: number; lines?: boolean } = {}) {
  const line = (refundTemplate.refund_line_items as Record<string, unknown>[])[0]!;
  const money = (c: number) => ({ shop_money: { amount: (c / 100).toFixed(2), currency_code: "USD" }, presentment_money: { amount: (c / 100).toFixed(2), currency_code: "USD" } });
  return {
    ...refundTemplate,
    id,
    order_id: orderId,
    created_at: new Date(Date.UTC(2026, 8, 2, 0, 0, id % 60)).toISOString(),
    refund_line_items: opts.lines === false ? [] : [{ ...line, id: id * 10, subtotal: cents / 100, subtotal_set: money(cents), total_tax: 0, total_tax_set: money(0) }],
    refund_shipping_lines: opts.shippingCents ? [{ id: id * 11, subtotal_amount_set: money(opts.shippingCents) }] : [],
    order_adjustments: opts.shippingCents ? [{ id: id * 12, order_id: orderId, refund_id: id, kind: "shipping_refund", amount: (-(opts.shippingCents) / 100).toFixed(2), amount_set: money(-opts.shippingCents) }] : [],
  };
}

describe("refund reversals", () => {
  it("the partial refund fixture reverses its merchandise and its share of the commission", async () => {
    const s = await setup();
    await s.send("orders/create", orderTemplate);
    await s.send("refunds/create", refundTemplate);
    const c = await s.conversion(orderTemplate.id as number);
    expect(c).toMatchObject({ orderAmountCents: 8500, commissionCents: 1275, refundAmountCents: 3400, refundedCommissionCents: 510, status: "approved" });
    expect(c!.refundAt).toEqual(new Date(refundTemplate.created_at as string));
  });

  it("the full refund fixture (with shipping) returns exactly to zero; shipping touches nothing", async () => {
    const s = await setup();
    await s.send("orders/create", orderTemplate);
    await s.send("refunds/create", fullRefundFixture);
    const c = await s.conversion(orderTemplate.id as number);
    expect(c).toMatchObject({ refundAmountCents: 8500, refundedCommissionCents: 1275, status: "reversed" });
    const [r] = await s.db.select().from(refunds).where(eq(refunds.shopifyRefundId, fullRefundFixture.id as number));
    expect(r!.shippingCents).toBe(750);
  });

  it("a shipping-only refund reverses nothing", async () => {
    const s = await setup();
    const id = 910000000001;
    await s.send("orders/create", order(id));
    await s.send("refunds/create", refund(5001, id, 0, { lines: false, shippingCents: 750 }));
    expect(await s.conversion(id)).toMatchObject({ refundAmountCents: 0, refundedCommissionCents: 0, refundAt: null, status: "approved" });
    expect(await s.ledger(id)).toEqual([{ kind: "sale", cause: "sale", amount: 8500, commission: 1275 }]);
  });

  it("two partial refunds then a final one leave exactly zero, never reversing more than earned on the way", async () => {
    const s = await setup();
    const id = 910000000002;
    await s.send("orders/create", order(id));
    await s.send("refunds/create", refund(5101, id, 2001));
    let c = await s.conversion(id);
    expect(c!.refundedCommissionCents).toBe(Math.floor((1275 * 2001) / 8500));
    await s.send("refunds/create", refund(5102, id, 2999));
    c = await s.conversion(id);
    expect(c!.refundedCommissionCents).toBeLessThanOrEqual(Math.round((1275 * 5000) / 8500));
    await s.send("refunds/create", refund(5103, id, 3500));
    c = await s.conversion(id);
    expect(c).toMatchObject({ refundAmountCents: 8500, refundedCommissionCents: 1275, status: "reversed" });
    expect(c!.orderAmountCents - c!.refundAmountCents).toBe(0);
    expect(c!.commissionCents - c!.refundedCommissionCents).toBe(0);
    const entries = await s.ledger(id);
    expect(entries.map((e) => e.cause)).toEqual(["refund-rounding", "refund:5101", "refund:5102", "refund:5103", "sale"]);
    expect(entries.reduce((sum, e) => sum + e.commission, 0)).toBe(0);
  });

  it("a refund of a self-referral (denied) conversion changes no commission", async () => {
    const email = `jane.self-${uniq()}@example.com`;
    const s = await setup({ creatorEmail: email });
    const id = 910000000003;
    await s.send("orders/create", order(id, { email, contact_email: email, customer: null }));
    expect(await s.conversion(id)).toMatchObject({ status: "denied", commissionCents: 0 });
    await s.send("refunds/create", refund(5201, id, 3000));
    expect(await s.conversion(id)).toMatchObject({ refundAmountCents: 3000, refundedCommissionCents: 0 });
    expect((await s.ledger(id)).every((e) => e.commission === 0)).toBe(true);
  });

  it("a refund that arrives before its order is applied the moment the order is attributed", async () => {
    const s = await setup();
    const id = 910000000004;
    await s.send("refunds/create", refund(5301, id, 1700));
    expect(await s.conversion(id)).toBeUndefined();
    await s.send("orders/create", order(id));
    expect(await s.conversion(id)).toMatchObject({ refundAmountCents: 1700, refundedCommissionCents: 255 });
  });

  it("the same refund delivered twice, and embedded in orders/cancelled too, counts once", async () => {
    const s = await setup();
    const id = 910000000005;
    const r = refund(5401, id, 8500);
    await s.send("orders/create", order(id));
    await s.send("refunds/create", r);
    await s.send("refunds/create", r);
    await s.send("orders/cancelled", order(id, { cancelled_at: "2026-09-03T10:00:00Z", updated_at: "2026-09-03T10:00:00Z", refunds: [r], current_subtotal_price_set: { shop_money: { amount: "0.00", currency_code: "USD" }, presentment_money: { amount: "0.00", currency_code: "USD" } } }));
    expect(await s.ledger(id)).toEqual([
      { kind: "refund", cause: "refund:5401", amount: -8500, commission: -1275 },
      { kind: "sale", cause: "sale", amount: 8500, commission: 1275 },
    ]);
  });

  it("a cancellation without a refund reverses whatever is left", async () => {
    const s = await setup();
    const id = 910000000006;
    await s.send("orders/create", order(id));
    await s.send("refunds/create", refund(5501, id, 1000));
    await s.send("orders/cancelled", order(id, { cancelled_at: "2026-09-03T10:00:00Z", updated_at: "2026-09-03T10:00:00Z" }));
    expect(await s.conversion(id)).toMatchObject({ refundAmountCents: 8500, refundedCommissionCents: 1275, status: "reversed" });
  });

  it("an orders/updated that arrives late never undoes a refund", async () => {
    const s = await setup();
    const id = 910000000007;
    await s.send("orders/create", order(id, { updated_at: "2026-09-01T18:03:10Z" }));
    await s.send("refunds/create", refund(5601, id, 3400));
    await s.send("orders/updated", order(id, { updated_at: "2026-09-01T18:00:00Z" }));
    expect(await s.conversion(id)).toMatchObject({ orderAmountCents: 8500, refundAmountCents: 3400, refundedCommissionCents: 510 });
  });

  it("any interleaving and repetition of a scenario's deliveries gives the same ledger", async () => {
    const id = 910000000010;
    const r1 = refund(6001, id, 2001);
    const r2 = refund(6002, id, 2999);
    const r3 = refund(6003, id, 3500);
    const deliveries: [string, unknown][] = [
      ["orders/create", order(id)],
      ["refunds/create", r1],
      ["refunds/create", r2],
      ["refunds/create", r3],
      ["orders/updated", order(id, { updated_at: "2026-09-02T00:01:00Z", refunds: [r1, r2], current_subtotal_price_set: { shop_money: { amount: "35.00", currency_code: "USD" }, presentment_money: { amount: "35.00", currency_code: "USD" } } })],
    ];
    const canonical = await setup();
    for (const [topic, payload] of deliveries) await canonical.send(topic, payload);
    const expected = await canonical.ledger(id);
    expect(expected.reduce((sum, e) => sum + e.commission, 0)).toBe(0);

    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }),
        async (order, repeats) => {
          const s = await setup();
          for (const i of [...order, ...repeats]) await s.send(deliveries[i]![0], deliveries[i]![1]);
          expect(await s.ledger(id)).toEqual(expected);
        },
      ),
      { numRuns: 12 },
    );
  }, 300_000);
});

