import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaigns, conversions, discountCodes, enrollments, ledgerEntries } from "@/db/schema";
import { conversionJson } from "@/lib/api/v1/serializers";
import type { Explanation } from "@/lib/attribution/types";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { brandWithCodes } from "@/test/campaign-orders";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { planFromInput, rulesInputSchema } from "./schema";

const h = simulatorAndBridgeForFile();

const half = (n: number, bps: number) => Math.floor((n * bps + 5000) / 10_000);

describe("live attribution under commission rules", () => {
  it("credits each line by the first matching rule (product rate, vendor exclusion, creator override), and a refund reverses each line at its own rate", async () => {
    const setup = await brandWithCodes(h.db, h.env, { creators: 2 });
    const { shop, workspaceId, campaign, codes } = setup;
    const at = Date.now() - 2 * 86_400_000;
    // learn the store's product id of the launch product (the simulator gives one per title)
    const { order: probe } = h.env.sim.placeOrder(shop.domain, { lineItems: [{ title: "Launch Hoodie", price: 100, quantity: 1 }], discountCodes: [], createdAt: at }, { drop: true });
    const launchProductId = probe.lineItems[0]!.productId;

    const plan = planFromInput(
      rulesInputSchema.parse({
        rules: [
          { id: "outlet", name: "Outlet brand earns nothing", vendors: ["outlet co"], action: "exclude" },
          { id: "launch", name: "Launch hoodie 25 %", product_ids: [launchProductId], action: "rate", rate_bps: 2500 },
        ],
      }),
    );
    await h.db.update(campaigns).set({ commissionRules: plan as unknown as Record<string, unknown> }).where(eq(campaigns.id, campaign.id));
    // the second creator has a 20 % roster rate instead of the campaign's 15 %
    const [secondCode] = await h.db.select().from(discountCodes).where(and(eq(discountCodes.campaignId, campaign.id), eq(discountCodes.code, codes[1]!)));
    await h.db.update(enrollments).set({ commissionRateBps: 2000 }).where(eq(enrollments.id, secondCode!.enrollmentId));

    const lineItems = [
      { title: "Launch Hoodie", price: 10_000, quantity: 1 },
      { title: "Sale Tee", price: 5000, quantity: 2, vendor: "Outlet Co" },
      { title: "Socks", price: 1999, quantity: 1 },
    ];
    const { order } = h.env.sim.placeOrder(shop.domain, { lineItems, discountCodes: [codes[0]!], email: "buyer-rules@shoppers.example", createdAt: at });
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();

    const net = (i: number) => order.lineItems[i]!.price * order.lineItems[i]!.quantity - order.lineItems[i]!.allocations.reduce((s, a) => s + a.amount, 0);
    const [c] = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, workspaceId), eq(conversions.shopifyOrderId, order.id)));
    expect(c).toBeDefined();
    const hoodie = half(net(0), 2500);
    const socks = half(net(2), 1500);
    expect(c!.orderAmountCents).toBe(net(0) + net(2)); // the outlet tee leaves the amount
    expect(c!.commissionCents).toBe(hoodie + socks);
    const lines = (c!.explanation as unknown as Explanation).amount.lines!;
    expect(lines.map((l) => [l.title, l.basis.type === "rule" ? l.basis.ruleId : l.basis.type, l.commissionCents])).toEqual([
      ["Launch Hoodie", "launch", hoodie],
      ["Sale Tee", "outlet", 0],
      ["Socks", "campaign_rate", socks],
    ]);
    const api = conversionJson(c!);
    expect(api.lines.map((l) => [l.line_item_id, l.amount, l.commission, l.rule.type])).toEqual([
      [String(order.lineItems[0]!.id), net(0), hoodie, "rule"],
      [String(order.lineItems[1]!.id), 0, 0, "rule"],
      [String(order.lineItems[2]!.id), net(2), socks, "campaign_rate"],
    ]);

    // Refund the socks: 15 % of the socks, not the order's blended rate
    h.env.sim.refund(shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[2]!.id, quantity: 1 }] }, {});
    // and one outlet tee: it earned nothing, so nothing moves
    h.env.sim.refund(shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[1]!.id, quantity: 1 }] }, {});
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const entries = await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c!.id));
    const refundsIn = entries.filter((e) => e.kind === "refund" || e.kind === "rounding");
    expect(refundsIn.map((e) => [e.amountCents, e.commissionCents])).toEqual([[-net(2), -socks]]);
    const blended = Math.floor(((hoodie + socks) * net(2)) / (net(0) + net(2)));
    expect(blended).not.toBe(socks); // the test tells the two apart

    // the second creator's roster rate replaces the campaign rate (the launch rule still wins on its line)
    const { order: other } = h.env.sim.placeOrder(shop.domain, { lineItems: [lineItems[0]!, lineItems[2]!], discountCodes: [codes[1]!], email: "buyer-rules-2@shoppers.example", createdAt: at });
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const [c2] = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, workspaceId), eq(conversions.shopifyOrderId, other.id)));
    const net2 = (i: number) => other.lineItems[i]!.price * other.lineItems[i]!.quantity - other.lineItems[i]!.allocations.reduce((s, a) => s + a.amount, 0);
    expect(c2!.commissionRateBps).toBe(2000);
    expect(c2!.commissionCents).toBe(half(net2(0), 2500) + half(net2(1), 2000));
    expect((c2!.explanation as unknown as Explanation).amount.lines!.map((l) => l.basis.type)).toEqual(["rule", "creator_rate"]);
  });
});
