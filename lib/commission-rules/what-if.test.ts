import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversions, ledgerEntries, orders, payoutItemEntries } from "@/db/schema";
import { decideAttribution } from "@/lib/attribution/decide-attribution";
import { gatherAttributionFacts } from "@/lib/attribution/gather-attribution-facts";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { brandWithCodes } from "@/test/campaign-orders";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { planFromInput, rulesInputSchema } from "./schema";
import { applyRuleChange, previewRuleChange } from "./what-if";

const h = simulatorAndBridgeForFile();

describe("what-if of a rule change", () => {
  it("previews without writing; applying to unpaid orders equals re-attributing them from scratch; a paid order is listed and left alone; the same run applies once", async () => {
    const setup = await brandWithCodes(h.db, h.env, { creators: 2 });
    const { shop, workspaceId, campaign, codes } = setup;
    const start = Date.now() - 10 * 86_400_000;
    const titles = ["Launch Hoodie", "Everyday Tee", "Socks"];
    for (let i = 0; i < 8; i++) {
      h.env.sim.placeOrder(shop.domain, {
        lineItems: titles.slice(0, 1 + (i % 3)).map((title, k) => ({ title, price: 1999 + 1000 * k + 7 * i, quantity: 1 + (k % 2), ...(title === "Socks" ? { vendor: "Outlet Co" } : {}) })),
        discountCodes: [codes[i % 2]!],
        email: `whatif-${i}@shoppers.example`,
        createdAt: start + i * 3_600_000,
      });
    }
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const before = await h.db.select().from(conversions).where(eq(conversions.campaignId, campaign.id));
    expect(before).toHaveLength(8);
    const hoodie = h.env.sim.placeOrder(shop.domain, { lineItems: [{ title: "Launch Hoodie", price: 100, quantity: 1 }], discountCodes: [] }, { drop: true }).order.lineItems[0]!.productId;

    const plan = planFromInput(rulesInputSchema.parse({ rules: [{ id: "launch", product_ids: [hoodie], action: "rate", rate_bps: 3000 }, { id: "outlet", vendors: ["outlet co"], action: "exclude" }] }));
    const entriesBefore = (await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId))).length;
    const preview = await previewRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, from: new Date(start - 1000), to: null, limit: 3 });
    expect(preview.summary.orders).toBe(8);
    expect(preview.summary.changedOrders).toBe(8); // every order has the hoodie
    expect(preview.changed).toHaveLength(3);
    expect(preview.nextCursor).toBe(preview.changed[2]!.conversionId);
    const page2 = await previewRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, from: new Date(start - 1000), to: null, limit: 10, cursor: preview.nextCursor });
    expect(page2.changed).toHaveLength(5);
    expect(page2.nextCursor).toBeNull();
    expect(preview.summary.differenceCents).toBe(preview.summary.afterCents - preview.summary.beforeCents);
    // the portal shows creators by name and each changed order's lines now and under the new rules
    expect(preview.summary.perCreator.every((c) => c.creatorName.length > 0 && c.creatorName !== c.creatorId)).toBe(true);
    for (const o of preview.changed) {
      expect(o.before.lines?.reduce((s, l) => s + l.commissionCents, 0)).toBe(o.before.commissionCents);
      expect(o.after.lines.reduce((s, l) => s + l.commissionCents, 0)).toBe(o.after.commissionCents);
    }
    expect(preview.summary.perCreator.reduce((s, c) => s + c.afterCents - c.beforeCents, 0)).toBe(preview.summary.differenceCents);
    expect((await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.workspaceId, workspaceId))).length).toBe(entriesBefore); // no writes
    const empty = await previewRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, from: new Date(start - 5 * 86_400_000), to: new Date(start - 4 * 86_400_000), limit: 10 });
    expect(empty.summary.orders).toBe(0);

    // one order's commission is already in a payout
    const paid = before[0]!;
    const [sale] = await h.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.conversionId, paid.id), eq(ledgerEntries.kind, "sale")));
    await h.db.insert(payoutItemEntries).values({ payoutItemId: "poi_test_whatif", ledgerEntryId: sale!.id, workspaceId });

    const runId = `rrn_test_${paid.id}`;
    const applied = await applyRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, since: new Date(start - 1000), includePaid: false, runId, actor: { kind: "system" } });
    expect(applied.adjusted).toBe(7);
    expect(applied.paidLeftAlone.map((p) => p.conversionId)).toEqual([paid.id]);
    const after = await h.db.select().from(conversions).where(eq(conversions.campaignId, campaign.id));
    for (const c of after) {
      if (c.id === paid.id) {
        expect([c.orderAmountCents, c.commissionCents]).toEqual([paid.orderAmountCents, paid.commissionCents]);
        continue;
      }
      // re-attributing the order from scratch under the saved rules gives what the ledger now holds
      const [order] = await h.db.select().from(orders).where(eq(orders.id, c.orderId));
      const fresh = decideAttribution(await gatherAttributionFacts(h.db, order!));
      expect(fresh.kind).toBe("conversion");
      if (fresh.kind !== "conversion") continue;
      expect([c.orderAmountCents, c.commissionCents]).toEqual([fresh.amountCents, fresh.commissionCents]);
    }
    const ruleEntries = await h.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.kind, "rule_change")));
    expect(ruleEntries).toHaveLength(7);

    // the same run again writes nothing; a preview now finds only the paid order
    const again = await applyRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, since: new Date(start - 1000), includePaid: false, runId, actor: { kind: "system" } });
    expect(again.adjusted).toBe(0);
    expect((await h.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.workspaceId, workspaceId), eq(ledgerEntries.kind, "rule_change")))).length).toBe(7);
    const now = await previewRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, from: null, to: null, limit: 10 });
    expect(now.changed.map((c) => [c.conversionId, c.inPayout])).toEqual([[paid.id, true]]);

    // "claw back / top up in the next payout": the paid order's difference becomes a new payable entry
    const topUp = await applyRuleChange(h.db, { workspaceId, campaignId: campaign.id, plan, since: new Date(start - 1000), includePaid: true, runId: `${runId}_b`, actor: { kind: "system" } });
    expect(topUp.adjusted).toBe(1);
    const [paidNow] = await h.db.select().from(conversions).where(eq(conversions.id, paid.id));
    const [order] = await h.db.select().from(orders).where(eq(orders.id, paid.orderId));
    const fresh = decideAttribution(await gatherAttributionFacts(h.db, order!));
    expect(fresh.kind === "conversion" && paidNow!.commissionCents === fresh.commissionCents).toBe(true);
  });
});
