import { randomUUID } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversions, ledgerEntries, orders } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";
import { createTestBrand, uniq } from "@/test/factories";
import { webhookFixtures, fixtureRequest } from "@/test/shopify";
import { brandWithStore, campaignWithCreators } from "@/test/campaign-with-creators";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { changeConversionStatus } from "./change-conversion-status";
import { explainDecision } from "./explain-decision";
import type { Explanation } from "./types";

const h = simulatorAndBridgeForFile();

const fixtures = webhookFixtures();

async function brandWithCampaign(opts: { codes: { email: string; name: string; code?: string }[]; startsAt?: string; endsAt?: string | null; rateBps?: number; discountPercent?: number }) {
  const { brand, shop } = await brandWithStore(h.db, h.env);
  const rows = opts.codes.map((c) => ({ email: c.email, full_name: c.name, code: c.code ?? null }));
  const { campaign, results } = await campaignWithCreators(h.db, brand, rows, { ...opts, startsAt: opts.startsAt ?? "2026-01-01T00:00:00Z" });
  return { brand, shop, campaign, added: results };
}

/** Posts a fixture's exact bytes (its recorded signature stays valid) as if this brand's store sent it. */
async function deliverFixture(name: string, shopDomain: string, webhookId = randomUUID()) {
  const fixture = fixtures.find((f) => f.name === name)!;
  const request = fixtureRequest(fixture, { "X-Shopify-Shop-Domain": shopDomain, "X-Shopify-Webhook-Id": webhookId });
  const result = await receiveShopifyWebhook(h.db, { rawBody: fixture.body, request });
  expect(result.status).toBe(200);
  return JSON.parse(fixture.body) as { id: number };
}

const conversionOf = (workspaceId: string, shopifyOrderId: number) =>
  h.db.select().from(conversions).where(and(eq(conversions.workspaceId, workspaceId), eq(conversions.shopifyOrderId, shopifyOrderId)));
const orderOf = async (workspaceId: string, shopifyOrderId: number) =>
  (await h.db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.shopifyOrderId, shopifyOrderId))))[0]!;

describe("attribution through the real webhook path", () => {
  it("each fixture gives the expected conversion (or none) and amounts", async () => {
    // The fixture store is signed with the fixtures' secret: the test app uses it too (test/setup.ts).
    const { brand, shop } = await brandWithCampaign({
      codes: [
        { email: `jane-${uniq()}@example.com`, name: "Jane Doe", code: "JANE15" },
        { email: `draft-${uniq()}@example.com`, name: "Draft Title Owner", code: "0124C" },
      ],
    });
    const single = await deliverFixture("orders-create-single-code", shop.domain);
    const noCode = await deliverFixture("orders-create-no-code", shop.domain);
    const auto = await deliverFixture("orders-create-automatic-only.hkd", shop.domain);
    const draft = await deliverFixture("orders-create-draft-manual-discount-plus-automatic.hkd", shop.domain);
    const cancelled = await deliverFixture("orders-cancelled", shop.domain);
    await drainInProcessJobs();

    const [c] = await conversionOf(brand.workspace.id, single.id);
    expect(c).toMatchObject({ type: "coupon", code: "JANE15", status: "approved", currency: "USD", orderAmountCents: 8500, commissionCents: 1275, commissionRateBps: 1500 });
    expect(explainDecision(c!.explanation as Explanation, { status: c!.status }).summary).toBe("Credited to Jane Doe (code JANE15): 15 % commission of $85.00 = $12.75.");
    const ledger = await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c!.id));
    expect(ledger).toMatchObject([{ kind: "sale", amountCents: 8500, commissionCents: 1275, causeKey: "sale" }]);
    expect((await orderOf(brand.workspace.id, single.id)).attributionStatus).toBe("attributed");

    for (const id of [noCode.id, auto.id, draft.id, cancelled.id]) {
      expect(await conversionOf(brand.workspace.id, id)).toEqual([]);
      expect((await orderOf(brand.workspace.id, id)).attributionStatus).toBe("unattributed");
    }
    // A draft order's manual discount title that equals a creator code is not a code.
    const draftExplanation = (await orderOf(brand.workspace.id, draft.id)).attributionExplanation as { rule: string };
    expect(draftExplanation.rule).toBe("no_creator_code");
  });

  it("stacked codes: the creator's code wins over the store's; the amount is the subtotal after both", async () => {
    const { brand, shop } = await brandWithCampaign({ codes: [{ email: `jane-${uniq()}@example.com`, name: "Jane Doe", code: "JANE10" }] });
    const stacked = await deliverFixture("orders-create-stacked-codes", shop.domain);
    await drainInProcessJobs();
    const [c] = await conversionOf(brand.workspace.id, stacked.id);
    expect(c).toMatchObject({ code: "JANE10", orderAmountCents: 11200, commissionCents: 1680 });
    const candidates = (c!.explanation as { candidates: { value: string; outcome: string }[] }).candidates;
    expect(candidates).toEqual(expect.arrayContaining([expect.objectContaining({ value: "WELCOME5", outcome: "not_a_creator_code" })]));
  });

  it("15 % of a $100 order with 10 % off is $13.50 — placed in the simulated store with the creator's code typed in lower case", async () => {
    const email = `ava-${uniq()}@example.com`;
    const { brand, shop, added } = await brandWithCampaign({ codes: [{ email, name: "Ava Stone" }], startsAt: new Date(Date.now() - 3600_000).toISOString() });
    const code = (added[0] as { code: string }).code;
    const placed = h.env.sim.placeOrder(shop.domain, {
      lineItems: [{ title: "Serum", price: 10000, quantity: 1 }],
      discountCodes: [` ${code.toLowerCase()} `],
      shipping: { price: 700, title: "Standard" },
      taxRate: 0.08,
      email: "buyer@example.com",
    } as never);
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const [c] = await conversionOf(brand.workspace.id, (placed as unknown as { order: { id: number } }).order.id);
    expect(c).toMatchObject({ code, orderAmountCents: 9000, commissionCents: 1350, status: "approved" });
  });

  it("two deliveries of the same order racing in parallel make one conversion and one sale entry", async () => {
    const { brand, shop } = await brandWithCampaign({ codes: [{ email: `jane-${uniq()}@example.com`, name: "Jane Doe", code: "JANE15" }] });
    const fixture = fixtures.find((f) => f.name === "orders-create-single-code")!;
    await Promise.all(
      ["orders/create", "orders/updated", "orders/create"].map((topic) =>
        receiveShopifyWebhook(h.db, { rawBody: fixture.body, request: fixtureRequest(fixture, { "X-Shopify-Shop-Domain": shop.domain, "X-Shopify-Webhook-Id": randomUUID(), "X-Shopify-Topic": topic }) }),
      ),
    );
    await drainInProcessJobs();
    const rows = await conversionOf(brand.workspace.id, 6500000000001);
    expect(rows).toHaveLength(1);
    expect(await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, rows[0]!.id))).toHaveLength(1);
  });

  it("self-referral is denied by default (no commission in the ledger); an admin can approve it, audited", async () => {
    const email = `Jane.Doe+${uniq()}@gmail.com`;
    const { brand, shop, added } = await brandWithCampaign({ codes: [{ email: email.replace(/\+.*@/, "@").replace(/\./, ""), name: "Jane Doe" }], startsAt: new Date(Date.now() - 3600_000).toISOString() });
    const code = (added[0] as { code: string }).code;
    const placed = h.env.sim.placeOrder(shop.domain, { lineItems: [{ title: "Serum", price: 5000, quantity: 1 }], discountCodes: [code], email } as never) as unknown as { order: { id: number } };
    await h.env.sim.webhooks.waitForIdle();
    await drainInProcessJobs();
    const [c] = await conversionOf(brand.workspace.id, placed.order.id);
    expect(c).toMatchObject({ status: "denied", commissionCents: 0, orderAmountCents: 4500 });
    const approved = await changeConversionStatus(h.db, { workspaceId: brand.workspace.id, conversionId: c!.id, to: "approved", userId: brand.user.id });
    expect(approved).toMatchObject({ status: "approved", commissionCents: 675 });
    // ids are time-ordered: the sale, then the approval's adjustment (a plain scan has no order)
    const entries = await h.db.select().from(ledgerEntries).where(eq(ledgerEntries.conversionId, c!.id)).orderBy(asc(ledgerEntries.id));
    expect(entries.map((e) => [e.kind, e.commissionCents])).toEqual([["sale", 0], ["status_change", 675]]);
    const other = await createTestBrand(h.db);
    await expect(changeConversionStatus(h.db, { workspaceId: other.workspace.id, conversionId: c!.id, to: "denied", userId: other.user.id })).rejects.toMatchObject({ code: "not_found" });
  });
});
