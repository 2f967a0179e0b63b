import { describe, expect, it } from "vitest";
import { ZOrderPayload } from "@/lib/shopify/payloads";
import { webhookFixtures } from "@/test/shopify";
import { orderFacts } from "./record-order";

const fixture = (name: string) => ZOrderPayload.parse(JSON.parse(webhookFixtures().find((f) => f.name === name)!.body));
const ctx = { workspaceId: "ws_x", shopId: "shp_x" };

describe("order facts", () => {
  it("orders/create: the discounted subtotal without shipping and tax, in minor units", () => {
    const facts = orderFacts({ ...ctx, order: fixture("orders-create-stacked-codes") });
    expect(facts).toMatchObject({ subtotalCents: 11200, currentSubtotalCents: 11200, currency: "USD", discountCodes: ["JANE10", "WELCOME5"] });
  });

  it("only discount_applications of type discount_code count as codes (a draft order's manual title does not)", () => {
    const facts = orderFacts({ ...ctx, order: fixture("orders-create-draft-manual-discount-plus-automatic.hkd") });
    const raw = fixture("orders-create-draft-manual-discount-plus-automatic.hkd");
    expect(raw.discount_codes.length).toBeGreaterThan(0);
    expect(facts.discountCodes).toEqual([]);
  });

  it("a payload that embeds refunds keeps the order's amount before refunds (current_* nets them out)", () => {
    const cancelled = fixture("orders-cancelled");
    const facts = orderFacts({ ...ctx, order: cancelled });
    expect(facts.currentSubtotalCents).toBe(0);
    expect(facts.subtotalCents).toBe(9900);
    expect(facts.cancelledAt).toBeInstanceOf(Date);
  });
});
