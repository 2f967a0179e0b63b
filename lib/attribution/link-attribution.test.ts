import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { conversions, enrollments, orders } from "@/db/schema";
import { signClickToken } from "@/lib/clicks/click-token";
import { visitReferralLink } from "@/lib/clicks/visit-referral-link";
import { createId } from "@/lib/ids";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { taggedHeaders } from "@/lib/http/client-address";
import { uniq } from "@/test/factories";
import { addedCreators, brandWithStore, campaignWithCreators } from "@/test/campaign-with-creators";
import { simulatorAndBridgeForFile } from "@/test/simulator-for-file";
import { explainDecision } from "./explain-decision";
import type { Explanation } from "./types";

/**
 * Referral links credited days after the click: the storefront embed's `_tally_click` cart attribute
 * (Shopify's `note_attributes`) first, then `landing_site`. Every order goes through the simulator's
 * checkout and arrives as a real signed `orders/create` webhook.
 */
const h = simulatorAndBridgeForFile();
const DAY = 24 * 60 * 60 * 1000;
const CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36";
let ip = 1;

async function brandWithCreators(names: string[]) {
  const { db, env } = h;
  const { brand, shop } = await brandWithStore(db, env);
  const rows = names.map((n) => ({ email: `${n.toLowerCase().replace(/\W/g, "")}-${uniq()}@example.com`, full_name: n }));
  const { campaign, results } = await campaignWithCreators(db, brand, rows, { name: `Links ${uniq()}`, startsAt: "2026-01-01T00:00:00Z" });
  const creators = await Promise.all(
    addedCreators(results).map(async (r) => {
      const [e] = await db.select().from(enrollments).where(eq(enrollments.id, r.enrollmentId));
      return { creatorId: r.creatorId, code: r.code, slug: e!.referralSlug };
    }),
  );
  return { brand, shop, campaign, creators };
}

/** A shopper follows the link at `at`: the click is recorded, and the redirect's signed token returned. */
async function click(slug: string, at: Date) {
  const visit = await visitReferralLink(h.db, { slug, method: "GET", headers: new Headers(taggedHeaders(`198.51.100.${ip++ % 250}`, { "user-agent": CHROME })), now: at });
  if (visit.kind !== "redirect" || !visit.clickToken) throw new Error("no click recorded");
  return visit.clickToken;
}

async function buy(domain: string, opts: { noteAttributes?: { name: string; value: string }[]; landingSite?: string | null; discountCodes?: string[] }) {
  const placed = h.env.sim.placeOrder(domain, {
    lineItems: [{ title: "Serum", price: 10000, quantity: 1 }],
    email: `buyer-${uniq()}@example.com`,
    ...opts,
  });
  await h.env.sim.webhooks.waitForIdle();
  await drainInProcessJobs();
  return placed.order.id;
}

async function outcome(workspaceId: string, shopifyOrderId: number) {
  const [order] = await h.db.select().from(orders).where(and(eq(orders.workspaceId, workspaceId), eq(orders.shopifyOrderId, shopifyOrderId)));
  const [conversion] = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, workspaceId), eq(conversions.shopifyOrderId, shopifyOrderId)));
  const explanation = (conversion?.explanation ?? order!.attributionExplanation) as Explanation;
  return { order: order!, conversion: conversion ?? null, explanation, summary: explainDecision(explanation, { status: conversion?.status ?? null }).summary };
}

describe("link attribution by the cart's _tally_click, then landing_site (signed webhooks)", () => {
  it("a click three days before, carried only by the cart: a link conversion by click id, and the explanation says so", async () => {
    const { brand, shop, creators } = await brandWithCreators(["Casey Creator"]);
    const token = await click(creators[0]!.slug, new Date(Date.now() - 3 * DAY));
    const id = await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: token }], landingSite: "/products/serum" });
    const r = await outcome(brand.workspace.id, id);
    expect(r.conversion).toMatchObject({ type: "link", creatorId: creators[0]!.creatorId, code: null, orderAmountCents: 10000, commissionCents: 1500 });
    expect(r.explanation.rule).toBe("link_only");
    expect(r.explanation.candidates).toEqual([expect.objectContaining({ kind: "click", outcome: "won", source: "cart_attribute", matchedBy: "click_id" })]);
    expect(r.summary).toBe("Credited to Casey Creator (referral link): 15 % commission of $100.00 = $15.00.");
    expect(explainDecision(r.explanation).candidates[0]!.detail).toMatch(/by click id, kept by the store's Tally embed and carried by the cart\), within the 30-day window/);
  });

  it("a click older than the window is ignored with that reason, though its token is genuine", async () => {
    const { brand, shop, creators } = await brandWithCreators(["Old Click"]);
    const token = await click(creators[0]!.slug, new Date(Date.now() - 31 * DAY));
    const id = await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: token }] });
    const r = await outcome(brand.workspace.id, id);
    expect(r.conversion).toBeNull();
    expect(r.explanation.rule).toBe("click_not_counted");
    expect(r.summary).toMatch(/^Not attributed: no creator code, and Old Click's referral link was clicked on .* more than 30 days before the order \(the click window\): not counted\.$/);
  });

  it("a tampered, invented or unsigned click id is ignored and the explanation says so", async () => {
    const { brand, shop, creators } = await brandWithCreators(["Tess Tamper"]);
    const token = await click(creators[0]!.slug, new Date(Date.now() - DAY));
    const [clickId, sig] = token.split(".");
    const forged = [`${createId("click")}.${sig}`, `${clickId}.${"A".repeat(22)}`, clickId!, "clk_nonsense", "<script>alert(1)</script>"];
    for (const value of forged) {
      const id = await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value }] });
      const r = await outcome(brand.workspace.id, id);
      expect(r.conversion, value).toBeNull();
      expect(r.explanation.ignoredClicks, value).toEqual([{ source: "cart_attribute", reason: "tampered" }]);
      expect(r.summary, value).toBe(
        "Not attributed: no creator code and no referral-link click. The cart carried a click id that Tally did not issue (its signature does not match: edited or invented): ignored.",
      );
    }
  });

  it("a genuine click on another workspace's link is ignored: never credited across brands", async () => {
    const a = await brandWithCreators(["Alice A"]);
    const b = await brandWithCreators(["Bob B"]);
    const tokenB = await click(b.creators[0]!.slug, new Date(Date.now() - DAY));
    const id = await buy(a.shop.domain, { noteAttributes: [{ name: "_tally_click", value: tokenB }] });
    const r = await outcome(a.brand.workspace.id, id);
    expect(r.conversion).toBeNull();
    expect(r.explanation.ignoredClicks).toEqual([{ source: "cart_attribute", reason: "other_workspace" }]);
    expect(r.summary).toContain("The cart carried a click id for another brand's referral link: ignored.");
    expect(r.summary).not.toContain("Bob");
  });

  it("a signed token for a click Tally does not know is ignored as unknown", async () => {
    const { brand, shop } = await brandWithCreators(["Una Known"]);
    const id = await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: signClickToken(createId("click")) }] });
    const r = await outcome(brand.workspace.id, id);
    expect(r.explanation.ignoredClicks).toEqual([{ source: "cart_attribute", reason: "unknown" }]);
    expect(r.summary).toContain("The cart carried a click id for a click Tally does not know: ignored.");
  });

  it("a typed creator code beats the cart's link; the same creator by code and link is one coupon conversion", async () => {
    const { brand, shop, creators } = await brandWithCreators(["Lena Link", "Cody Code"]);
    const [lena, cody] = creators;
    const token = await click(lena!.slug, new Date(Date.now() - 2 * DAY));
    const beaten = await outcome(brand.workspace.id, await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: token }], discountCodes: [cody!.code] }));
    expect(beaten.conversion).toMatchObject({ type: "coupon", creatorId: cody!.creatorId, code: cody!.code });
    expect(beaten.explanation.rule).toBe("code_beats_link");
    expect(beaten.summary).toContain("Lena Link's referral link also led to this order, but a code beats a link.");

    const same = await outcome(brand.workspace.id, await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: token }], discountCodes: [lena!.code] }));
    expect(same.conversion).toMatchObject({ type: "coupon", creatorId: lena!.creatorId, code: lena!.code });
    expect(same.explanation.rule).toBe("code_and_link_same_creator");
    const rows = await h.db.select().from(conversions).where(and(eq(conversions.workspaceId, brand.workspace.id), eq(conversions.shopifyOrderId, same.order.shopifyOrderId)));
    expect(rows).toHaveLength(1);
  });

  it("the cart's click comes first; a tampered cart value falls back to landing_site and says why", async () => {
    const { brand, shop, creators } = await brandWithCreators(["First Cart", "Then Landing"]);
    const [cart, landing] = creators;
    const cartToken = await click(cart!.slug, new Date(Date.now() - 2 * DAY));
    const landingToken = await click(landing!.slug, new Date(Date.now() - 60_000));
    const landingSite = `/?ref=${landing!.slug}&tally_click=${landingToken}`;

    const first = await outcome(brand.workspace.id, await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: cartToken }], landingSite }));
    expect(first.conversion).toMatchObject({ type: "link", creatorId: cart!.creatorId });

    const fallback = await outcome(brand.workspace.id, await buy(shop.domain, { noteAttributes: [{ name: "_tally_click", value: `${cartToken}x` }], landingSite }));
    expect(fallback.conversion).toMatchObject({ type: "link", creatorId: landing!.creatorId });
    expect(fallback.explanation.candidates).toEqual([expect.objectContaining({ source: "landing_site", matchedBy: "click_id" })]);
    expect(fallback.summary).toBe(
      "Credited to Then Landing (referral link): 15 % commission of $100.00 = $15.00. The cart carried a click id that Tally did not issue (its signature does not match: edited or invented): ignored.",
    );
  });
});
