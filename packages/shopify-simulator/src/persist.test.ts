import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FakeClock } from "./clock";
import { persistStore } from "./persist";
import { createShopifySimulator } from "./server";

const SHOP = "persisted.myshopify.com";

describe("--state-file: a restarted simulator keeps its shops", () => {
  it("keeps discount codes (with their usage), orders, customers, tokens and id counters across a restart", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "sim-state-")), "state.json");
    const clock = new FakeClock("2026-09-10T12:00:00Z");

    const first = createShopifySimulator({ clock });
    const saved = persistStore(first.store, file);
    expect(saved.loaded).toBe(false);
    first.createShop({ domain: SHOP, currency: "USD", accessToken: "shpat_persisted_0001" });
    const made = first.store.createDiscount(SHOP, { code: "LIA-7K2Q", title: "Lia 10%", startsAt: 0, value: { type: "percentage", percentage: 0.1 }, appliesOncePerCustomer: true });
    expect(made.userErrors).toEqual([]);
    const { order } = first.placeOrder(SHOP, { lineItems: [{ title: "Glow Serum", price: 10_000, quantity: 1 }], discountCodes: ["LIA-7K2Q"], email: "dana@example.com" });
    saved.stop(); // the process exits (npm run dev stopped)
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ version: 1 });

    const second = createShopifySimulator({ clock });
    const restored = persistStore(second.store, file);
    expect(restored.loaded).toBe(true);
    // The code still exists and still knows who used it (once per customer).
    const code = second.store.findDiscountByCode(SHOP, "lia-7k2q");
    expect(code).toMatchObject({ code: "LIA-7K2Q" });
    expect(code!.usedBy).toBeInstanceOf(Set);
    expect([...code!.usedBy]).toEqual(["dana@example.com"]);
    // The order and the token are there; the next order gets the next number and a new id.
    expect(second.store.requireShop(SHOP).orders.get(order.id)).toMatchObject({ name: order.name });
    expect(second.store.authenticate("shpat_persisted_0001")).toMatchObject({ shop: SHOP });
    const next = second.placeOrder(SHOP, { lineItems: [{ title: "Lip Balm", price: 900, quantity: 1 }], discountCodes: ["LIA-7K2Q"], email: "eli@example.com" });
    expect(next.order.id).toBeGreaterThan(order.id);
    expect(Number(next.order.name.replace("#", ""))).toBe(Number(order.name.replace("#", "")) + 1);
    expect(next.order.discountApplications.map((d) => d.code)).toEqual(["LIA-7K2Q"]);
    restored.stop();
  });
});
