import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

import type { Db } from "@/db/client";
import { campaigns, conversions, creators, discountCodes, enrollments, ledgerEntries, shops, workspaces } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { receiveShopifyWebhook } from "@/lib/webhooks/receive-shopify-webhook";
import { createTestBrand, uniq } from "@/test/factories";
import { insertShop, webhookFixtures, webhookRequest } from "@/test/shopify";
import { getCreatorEarnings } from "./get-creator-earnings";
import { getCreatorEarningsTotals } from "./get-creator-earnings-totals";
import { listCreatorOrders } from "./list-creator-orders";
import { updateCreatorProfile, ZCreatorProfile } from "./update-creator-profile";

const fixtures = webhookFixtures();
const body = (name: string) => fixtures.find((f) => f.name === name)!.body;
const ORDER = body("orders-create-single-code");
const PARTIAL_REFUND = body("refunds-create-partial");
const FULL_REFUND = body("refunds-create-full-with-shipping");
const ORDER_ID = (JSON.parse(ORDER) as { id: number }).id;
const NOW = new Date("2026-09-10T12:00:00Z");

/** A fixture in another currency: every USD amount becomes the same amount in `currency`. */
const inCurrency = (raw: string, currency: string) => JSON.parse(raw.replaceAll('"USD"', JSON.stringify(currency))) as Record<string, unknown>;

async function insertCreator(db: Db, fullName: string) {
  const [c] = await db.insert(creators).values({ email: `${fullName.split(" ")[0]!.toLowerCase()}-${uniq()}@example.com`, fullName }).returning();
  return c!;
}

/** A brand with a store in `currency` and a live campaign with the given creators' codes; webhooks go through the real intake. */
async function setupBrand(db: Db, opts: { currency: string; selfReferral?: "deny" | "flag"; codes: { creatorId: string; code: string }[] }) {
  const brand = await createTestBrand(db);
  if (opts.selfReferral) await db.update(workspaces).set({ selfReferralMode: opts.selfReferral }).where(eq(workspaces.id, brand.workspace.id));
  const shop = await insertShop(db, brand.workspace.id);
  await db.update(shops).set({ currency: opts.currency }).where(eq(shops.id, shop.id));
  const [campaign] = await db
    .insert(campaigns)
    .values({ workspaceId: brand.workspace.id, shopId: shop.id, name: "Earnings", startsAt: new Date("2020-01-01"), discountType: "percentage", discountValue: 1000, commissionRateBps: 1500, codeTemplate: "{full_name}", currency: opts.currency })
    .returning();
  for (const { creatorId, code } of opts.codes) {
    const [enrollment] = await db.insert(enrollments).values({ workspaceId: brand.workspace.id, campaignId: campaign!.id, creatorId, referralSlug: `s-${uniq()}` }).returning();
    await db.insert(discountCodes).values({ workspaceId: brand.workspace.id, shopId: shop.id, campaignId: campaign!.id, enrollmentId: enrollment!.id, creatorId, code, status: "active" });
  }
  const send = async (topic: string, payload: unknown) => {
    const raw = JSON.stringify(payload);
    const res = await receiveShopifyWebhook(db, { rawBody: raw, request: webhookRequest({ body: raw, topic, shop: shop.domain, webhookId: randomUUID() }) });
    expect(res.status).toBe(200);
    await drainInProcessJobs();
  };
  const order = (id: number, over: Record<string, unknown> = {}) => ({ ...inCurrency(ORDER, opts.currency), id, ...over });
  const withCode = (code: string) => ({
    discount_codes: [{ code, amount: "15.00", type: "percentage" }],
    discount_applications: [{ target_type: "line_item", type: "discount_code", value: "15.0", value_type: "percentage", allocation_method: "across", target_selection: "all", code }],
  });
  /** A refund of one line's merchandise (minor units), in the shop's currency. */
  const refund = (id: number, orderId: number, cents: number) => {
    const template = inCurrency(PARTIAL_REFUND, opts.currency);
    const line = (template.refund_line_items as Record<string, unknown>[])[0]!;
    const money = (c: number) => ({ shop_money: { amount: (c / 100).toFixed(2), currency_code: opts.currency }, presentment_money: { amount: (c / 100).toFixed(2), currency_code: opts.currency } });
    return {
      ...template,
      id,
      order_id: orderId,
      created_at: new Date(Date.UTC(2026, 8, 3, 0, 0, id % 60)).toISOString(),
      refund_line_items: [{ ...line, id: id * 10, subtotal: cents / 100, subtotal_set: money(cents), total_tax: 0, total_tax_set: money(0) }],
      refund_shipping_lines: [],
      order_adjustments: [],
    };
  };
  return { brand, shop, send, order, withCode, refund };
}

/** The ledger, summed per (workspace, currency) for one creator: the source of truth the totals must equal. */
async function ledgerSums(db: Db, creatorId: string) {
  const rows = await db
    .select({
      workspaceId: conversions.workspaceId,
      currency: ledgerEntries.currency,
      status: conversions.status,
      sale: sql`coalesce(sum(${ledgerEntries.commissionCents}) filter (where ${ledgerEntries.kind} = 'sale'), 0)`.mapWith(Number),
      reversal: sql`coalesce(sum(${ledgerEntries.commissionCents}) filter (where ${ledgerEntries.kind} in ('refund', 'cancellation', 'rounding')), 0)`.mapWith(Number),
      all: sql`coalesce(sum(${ledgerEntries.commissionCents}), 0)`.mapWith(Number),
    })
    .from(ledgerEntries)
    .innerJoin(conversions, eq(conversions.id, ledgerEntries.conversionId))
    .where(eq(conversions.creatorId, creatorId))
    .groupBy(conversions.workspaceId, ledgerEntries.currency, conversions.status);
  const out = new Map<string, { earned: number; reversed: number; net: number; pending: number }>();
  for (const r of rows) {
    const key = `${r.workspaceId}/${r.currency}`;
    const acc = out.get(key) ?? { earned: 0, reversed: 0, net: 0, pending: 0 };
    if (r.status === "flagged") acc.pending += r.all;
    else {
      acc.earned += r.sale;
      acc.reversed += -r.reversal;
      acc.net += r.all;
    }
    out.set(key, acc);
  }
  return out;
}

describe("creator earnings", () => {
  it("equal the ledger per brand and currency, with partial and full refunds in USD and EUR, and never mix currencies", async () => {
    const { db } = await createTestBrand(); // only for the db handle
    const jane = await insertCreator(db, "Jane Doe");
    const mark = await insertCreator(db, "Mark Lee");

    // Brand A (USD): a sale with a partial refund, a denied self-referral, and another creator's sale.
    const a = await setupBrand(db, { currency: "USD", codes: [{ creatorId: jane.id, code: "JANE15" }, { creatorId: mark.id, code: "MARK10" }] });
    await a.send("orders/create", a.order(ORDER_ID));
    await a.send("refunds/create", JSON.parse(PARTIAL_REFUND));
    await a.send("orders/create", a.order(ORDER_ID + 1, { email: jane.email, contact_email: jane.email, customer: null, name: "#2001" }));
    await a.send("orders/create", a.order(ORDER_ID + 2, { ...a.withCode("MARK10"), name: "#3001" }));

    // Brand B (EUR, self-referrals flagged): a fully refunded sale, a sale with two partial refunds, a flagged one.
    const b = await setupBrand(db, { currency: "EUR", selfReferral: "flag", codes: [{ creatorId: jane.id, code: "JANE15" }] });
    await b.send("orders/create", b.order(ORDER_ID, { name: "#E1" }));
    await b.send("refunds/create", inCurrency(FULL_REFUND, "EUR"));
    await b.send("orders/create", b.order(ORDER_ID + 5, { name: "#E2" }));
    await b.send("refunds/create", b.refund(7001, ORDER_ID + 5, 2001));
    await b.send("refunds/create", b.refund(7002, ORDER_ID + 5, 2999));
    await b.send("orders/create", b.order(ORDER_ID + 6, { email: jane.email, contact_email: jane.email, customer: null, name: "#E3" }));

    const earnings = await getCreatorEarnings(db, jane.id, { now: NOW });

    // Totals per brand and currency are exactly the ledger's sums.
    const ledger = await ledgerSums(db, jane.id);
    expect(earnings.totals).toHaveLength(2);
    for (const t of earnings.totals) {
      const l = ledger.get(`${t.workspaceId}/${t.currency}`)!;
      expect({ earned: t.earnedCents, reversed: t.reversedCents, net: t.netCents, pending: t.pendingCents }).toEqual(l);
    }

    const usd = earnings.totals.find((t) => t.currency === "USD")!;
    const eur = earnings.totals.find((t) => t.currency === "EUR")!;
    expect(usd).toMatchObject({ workspaceId: a.brand.workspace.id, orders: 2, earnedCents: 1275, reversedCents: 510, netCents: 765, pendingCents: 0, pendingOrders: 0, deniedOrders: 1, deniedSalesCents: 8500 });
    // EUR: 2 × 12.75 earned; full refund 12.75 + partial shares ⌊1275·2001/8500⌋ + ⌊1275·2999/8500⌋; one flagged order pending.
    expect(eur).toMatchObject({ workspaceId: b.brand.workspace.id, orders: 3, earnedCents: 2550, reversedCents: 1275 + 300 + 449, netCents: 2550 - 2024, pendingCents: 1275, pendingOrders: 1, deniedOrders: 0 });

    // Per currency: never summed across currencies.
    expect(earnings.currencies.map((c) => [c.currency, c.netCents])).toEqual([
      ["EUR", 526],
      ["USD", 765],
    ]);

    // The chart's series add up to the net, per currency.
    for (const s of earnings.series) {
      const net = s.days.reduce((sum, d) => sum + d.netCents, 0);
      expect(net).toBe(earnings.currencies.find((c) => c.currency === s.currency)!.netCents);
      expect(s.days.some((d) => d.reversedCents < 0)).toBe(true);
    }

    // Per-order rows: refunds with dates, net commission, statuses, the creator's own explanation only.
    expect(earnings.orders).toHaveLength(5);
    const byName = Object.fromEntries(earnings.orders.map((o) => [`${o.currency}${o.orderName}`, o]));
    expect(byName["USD#1042"]).toMatchObject({ status: "approved", amountCents: 8500, commissionCents: 1275, refundAmountCents: 3400, netCommissionCents: 765 });
    expect(byName["USD#1042"]!.refunds).toEqual([{ at: expect.any(String), kind: "refund", amountCents: 3400, commissionCents: 510 }]);
    expect(byName["USD#1042"]!.explanation).toEqual({ via: "code", code: "JANE15", rateBps: 1500, amountCents: 8500, commissionCents: 1275, review: null, giftCardsCents: 0 });
    expect(byName["USD#2001"]).toMatchObject({ status: "denied", commissionCents: 0, explanation: { review: "self_referral" } });
    expect(byName["EUR#E1"]).toMatchObject({ status: "reversed", netCommissionCents: 0 });
    expect(byName["EUR#E2"]!.refunds.map((r) => r.commissionCents)).toEqual([300, 449]);
    expect(byName["EUR#E3"]).toMatchObject({ status: "flagged", explanation: { review: "self_referral" } });
    for (const o of earnings.orders) expect(o.refundedCommissionCents).toBe(o.refunds.reduce((s, r) => s + r.commissionCents, 0));

    // Privacy: nothing about the customer or another creator leaves the lib.
    const json = JSON.stringify(earnings);
    for (const secret of ["jordan", "buyer", jane.email, "Mark", "MARK10", "#3001", "customer", "Self-referral", "Credited to", "summary"]) {
      expect(json.toLowerCase()).not.toContain(secret.toLowerCase());
    }
  });

  it("are scoped to the creator: A never sees B's conversions, and a creator without sales gets nothing", async () => {
    const { db } = await createTestBrand();
    const jane = await insertCreator(db, "Jane Doe");
    const mark = await insertCreator(db, "Mark Lee");
    const nobody = await insertCreator(db, "No Sales");
    const a = await setupBrand(db, { currency: "USD", codes: [{ creatorId: jane.id, code: "JANE15" }, { creatorId: mark.id, code: "MARK10" }] });
    await a.send("orders/create", a.order(ORDER_ID, { name: "#J1" }));
    await a.send("orders/create", a.order(ORDER_ID + 1, { ...a.withCode("MARK10"), name: "#M1" }));

    const janeOrders = await listCreatorOrders(db, jane.id);
    const markOrders = await listCreatorOrders(db, mark.id);
    expect(janeOrders.orders.map((o) => o.orderName)).toEqual(["#J1"]);
    expect(markOrders.orders.map((o) => o.orderName)).toEqual(["#M1"]);
    const [markConversion] = await db.select().from(conversions).where(and(eq(conversions.creatorId, mark.id), eq(conversions.workspaceId, a.brand.workspace.id)));
    expect(janeOrders.orders.some((o) => o.id === markConversion!.id)).toBe(false);
    expect((await getCreatorEarningsTotals(db, jane.id))[0]).toMatchObject({ orders: 1, netCents: 1275 });
    expect((await getCreatorEarningsTotals(db, mark.id))[0]).toMatchObject({ orders: 1, netCents: 1275, workspaceId: a.brand.workspace.id });

    const empty = await getCreatorEarnings(db, nobody.id, { now: NOW });
    expect(empty).toMatchObject({ totals: [], currencies: [], series: [], orders: [], ordersTruncated: false });
  });

  it("lists the latest orders first and says when the list is cut", async () => {
    const { db } = await createTestBrand();
    const jane = await insertCreator(db, "Jane Doe");
    const a = await setupBrand(db, { currency: "USD", codes: [{ creatorId: jane.id, code: "JANE15" }] });
    for (let i = 0; i < 3; i++) await a.send("orders/create", a.order(ORDER_ID + i, { name: `#${i}`, created_at: new Date(Date.UTC(2026, 8, 1 + i)).toISOString() }));
    const page = await listCreatorOrders(db, jane.id, { limit: 2 });
    expect(page.orders.map((o) => o.orderName)).toEqual(["#2", "#1"]);
    expect(page.truncated).toBe(true);
  });
});

describe("creator profile", () => {
  it("updates only the signed-in creator's own name and handle, and validates the handle", async () => {
    const { db } = await createTestBrand();
    const jane = await insertCreator(db, "Jane Doe");
    const mark = await insertCreator(db, "Mark Lee");
    const input = ZCreatorProfile.parse({ fullName: "  Jane Q. Doe ", handle: "@jane.doe_1" });
    expect(input).toEqual({ fullName: "Jane Q. Doe", handle: "jane.doe_1", payoutEmail: null, instagram: null, tiktok: null, youtube: null });
    await updateCreatorProfile(db, jane.id, input);
    const [j] = await db.select().from(creators).where(eq(creators.id, jane.id));
    const [m] = await db.select().from(creators).where(eq(creators.id, mark.id));
    expect(j).toMatchObject({ fullName: "Jane Q. Doe", handle: "jane.doe_1" });
    expect(m).toMatchObject({ fullName: "Mark Lee", handle: null });

    expect(ZCreatorProfile.parse({ fullName: "Jane", handle: "" }).handle).toBeNull();
    expect(ZCreatorProfile.safeParse({ fullName: "Jane", handle: "no spaces please" }).success).toBe(false);
    expect(ZCreatorProfile.safeParse({ fullName: "   ", handle: "" }).success).toBe(false);
  });
});

describe("creator profile", () => {
  it("saves a payout email and social links, and refuses bad ones", async () => {
    const { ZCreatorProfile, updateCreatorProfile } = await import("./update-creator-profile");
    const { getDb } = await import("@/db/client");
    const { creators } = await import("@/db/schema");
    const { eq } = await import("drizzle-orm");
    const db = await getDb();
    const [c] = await db.insert(creators).values({ email: `prof-${Date.now()}@example.com`, fullName: "Pro File" }).returning();
    const ok = ZCreatorProfile.parse({ fullName: "Pro File", handle: "@pro.file", payoutEmail: "Pay@Example.com", instagram: "https://www.instagram.com/pro.file", tiktok: "", youtube: "" });
    await updateCreatorProfile(db, c!.id, ok);
    const [after] = await db.select().from(creators).where(eq(creators.id, c!.id));
    expect(after).toMatchObject({ handle: "pro.file", payoutEmail: "pay@example.com", socialLinks: { instagram: "https://www.instagram.com/pro.file" } });
    const bad = ZCreatorProfile.safeParse({ fullName: "X", payoutEmail: "nope", instagram: "http://instagram.com/x", tiktok: "https://evil.example/tiktok.com" });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path[0])).toEqual(expect.arrayContaining(["payoutEmail", "instagram", "tiktok"]));
  });
});

describe("accepting a brand's invitation from the portal", () => {
  it("joins the brand; another creator cannot accept it", async () => {
    const { acceptBrandInvitation } = await import("./accept-brand-invitation");
    const { createTestBrand, createTestCreator, uniq } = await import("@/test/factories");
    const { inviteCreator } = await import("@/lib/invitations/invite-creator");
    const { workspaceCreators } = await import("@/db/schema");
    const { and, eq } = await import("drizzle-orm");
    const first = await createTestBrand();
    const creator = await createTestCreator(first); // has a login, works with brand 1
    const second = await createTestBrand();
    await inviteCreator(second.db, { workspaceId: second.workspace.id, invitedByUserId: second.user.id, email: creator.email, fullName: "Casey Creator" });
    const other = await createTestCreator(second);
    await expect(acceptBrandInvitation(second.db, { creatorId: other.creator.id, userId: other.userId, workspaceId: second.workspace.id })).rejects.toMatchObject({ code: "not_found" });
    await acceptBrandInvitation(second.db, { creatorId: creator.creator.id, userId: creator.userId, workspaceId: second.workspace.id });
    const [link] = await second.db.select().from(workspaceCreators).where(and(eq(workspaceCreators.workspaceId, second.workspace.id), eq(workspaceCreators.creatorId, creator.creator.id)));
    expect(link!.status).toBe("active");
    await expect(acceptBrandInvitation(second.db, { creatorId: creator.creator.id, userId: creator.userId, workspaceId: second.workspace.id })).rejects.toMatchObject({ code: "not_found" });
    void uniq;
  });
});
