/**
 * Shared test support (sync, dashboard, API tests and the backfill bench): a brand with a campaign and creator codes in a simulated store, a
 * seeded order generator, the money truth computed independently from the simulator's records,
 * and the ledger's view of the same money.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, ledgerEntries } from "@/db/schema";
import { addCreatorsToCampaign } from "@/lib/campaigns/add-creators";
import { createCampaign } from "@/lib/campaigns/create-campaign";
import { ZCreateCampaign } from "@/lib/campaigns/schemas";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import type { DeliveryPlan, OrderRecord, PlaceOrderInput, ShopifySimulator } from "@tally/shopify-simulator";
import type { ShopRow } from "@/lib/shops/get-connected-shop";
import { createTestBrand, uniq } from "@/test/factories";
import type { startSimulator } from "@/test/simulator";
import { prng } from "@/lib/prng";

type Env = Awaited<ReturnType<typeof startSimulator>>;
const DAY = 86_400_000;

export const RATE_BPS = 1500;

export async function brandWithCodes(db: Db, env: Env, opts: { plan?: "standard" | "advanced" | "plus"; creators?: number } = {}) {
  const brand = await createTestBrand(db);
  const shop = await env.connectStore(db, brand.workspace.id, { plan: opts.plan ?? "plus" });
  const campaign = await createCampaign(db, {
    workspaceId: brand.workspace.id,
    actor: { kind: "system" },
    campaign: ZCreateCampaign.parse({
      name: `Sync ${uniq()}`,
      starts_at: new Date(Date.now() - 100 * DAY).toISOString(),
      ends_at: null,
      discount: { type: "percentage", value: 10 },
      commission_rate_bps: RATE_BPS,
    }),
  });
  const tag = uniq().toUpperCase();
  const codes = Array.from({ length: opts.creators ?? 3 }, (_, i) => `SYNC${i}${tag}`);
  const { results } = await addCreatorsToCampaign(db, {
    workspaceId: brand.workspace.id,
    campaignId: campaign.id,
    actor: { kind: "system" },
    invitedByUserId: null,
    rows: codes.map((code, i) => ({ email: `creator${i}-${tag.toLowerCase()}@example.com`, full_name: `Creator ${i}`, code })),
  });
  if (results.some((r) => !r.ok)) throw new Error(`creators not added: ${JSON.stringify(results)}`);
  await drainInProcessJobs(); // codes pushed to the simulated store
  // A store code that belongs to no creator.
  const storeCode = `STORE${tag}`;
  env.sim.store.createDiscount(shop.domain, { code: storeCode, title: storeCode, value: { type: "percentage", percentage: 0.05 }, startsAt: Date.now() - 200 * DAY, combinesWith: { orderDiscounts: true } });
  return { brand, shop, campaign, codes, storeCode, workspaceId: brand.workspace.id };
}


export type PlacedOrders = { orders: OrderRecord[]; delivered: Set<number> };

/**
 * Places `count` orders spread over the last `days` days (oldest first): 60 % with a creator code,
 * 10 % with a store code, the rest none; 1–3 lines, shipping on most, 8 % tax on half, and prices
 * including 20 % tax on 10 %. `deliver(i)` says which orders' webhooks reach Tally (the others are
 * dropped: never delivered). Then refunds ~15 % (partial, full with shipping, some twice) and
 * cancels ~2 %, whose webhooks follow `deliverRefund`.
 */
export function placeOrders(
  sim: ShopifySimulator,
  setup: { shop: ShopRow; codes: string[]; storeCode: string },
  opts: { count: number; days?: number; seed?: number; deliver: (i: number) => boolean; deliverRefund?: (i: number) => boolean },
): PlacedOrders {
  const rnd = prng(opts.seed ?? 42);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const span = (opts.days ?? 89) * DAY;
  const start = Date.now() - span;
  const orders: OrderRecord[] = [];
  const delivered = new Set<number>();
  const plan = (ok: boolean): DeliveryPlan => (ok ? {} : { drop: true });
  for (let i = 0; i < opts.count; i++) {
    const r = rnd();
    const discountCodes = r < 0.6 ? [pick(setup.codes)] : r < 0.7 ? [setup.storeCode] : [];
    const vat = rnd() < 0.1;
    const input: PlaceOrderInput = {
      lineItems: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, k) => ({ title: `Item ${k}`, price: 500 + Math.floor(rnd() * 14_500), quantity: 1 + Math.floor(rnd() * 2) })),
      discountCodes,
      shipping: rnd() < 0.7 ? { price: 595 } : null,
      ...(vat ? { taxRate: 0.2, taxesIncluded: true } : rnd() < 0.5 ? { taxRate: 0.08 } : {}),
      email: `buyer${i}@shoppers.example`,
      createdAt: start + Math.floor((i / opts.count) * (span - DAY)) + Math.floor(rnd() * 1000),
    };
    const ok = opts.deliver(i);
    const { order } = sim.placeOrder(setup.shop.domain, input, plan(ok));
    if (ok) delivered.add(order.id);
    orders.push(order);
  }
  const deliverRefund = opts.deliverRefund ?? opts.deliver;
  orders.forEach((order, i) => {
    const r = rnd();
    const ok = plan(deliverRefund(i));
    if (r < 0.08) {
      // partial: one unit of the first line
      sim.refund(setup.shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] }, ok);
    } else if (r < 0.12) {
      // full, with shipping
      sim.refund(setup.shop.domain, order.id, { lineItems: order.lineItems.map((l) => ({ lineItemId: l.id, quantity: l.quantity })), shipping: order.shippingLines.length ? true : null }, ok);
    } else if (r < 0.15 && order.lineItems.length > 1) {
      // two refunds
      sim.refund(setup.shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[0]!.id, quantity: 1 }] }, ok);
      sim.refund(setup.shop.domain, order.id, { lineItems: [{ lineItemId: order.lineItems[1]!.id, quantity: 1 }], shipping: order.shippingLines.length ? 200 : null }, ok);
    } else if (r < 0.17) {
      sim.cancel(setup.shop.domain, order.id, { refund: rnd() < 0.5 }, ok);
    }
  });
  return { orders, delivered };
}

const half = (n: number, bps: number) => Math.floor((n * bps + 5000) / 10_000); // half up, non-negative

/**
 * What the ledger must say, computed from the simulator's own records (not through Tally): for each
 * order carrying one of the creator codes, the amount before refunds (lines after discounts, tax
 * removed when included), refunded merchandise (all of it once cancelled), commission rounded half
 * up, each refund reversing its own share of it rounded down (all of it once fully refunded).
 */
export function truthOf(orders: OrderRecord[], codes: string[], rateBps = RATE_BPS) {
  const creatorCodes = new Set(codes.map((c) => c.toUpperCase()));
  let amount = 0;
  let net = 0;
  let netCommission = 0;
  let conversionsCount = 0;
  let refunds = 0;
  const perOrder = new Map<number, { amount: number; refunded: number; commission: number; refundedCommission: number }>();
  for (const o of orders) {
    if (!o.discountApplications.some((a) => a.type === "discount_code" && a.code && creatorCodes.has(a.code.toUpperCase()))) continue;
    const lineNet = o.lineItems.reduce((s, l) => s + l.price * l.quantity - l.allocations.reduce((x, a) => x + a.amount, 0), 0);
    const lineTax = o.lineItems.reduce((s, l) => s + l.taxLines.reduce((x, t) => x + t.price, 0), 0);
    const a = Math.max(0, lineNet - (o.taxesIncluded ? lineTax : 0));
    // Each refund reverses its merchandise and its own share of the commission, rounded down;
    // fully refunded or cancelled: all of it.
    const commission = half(a, rateBps);
    let refunded = 0;
    let refundedCommission = 0;
    const reverse = (merchandise: number) => {
      const part = Math.max(0, Math.min(merchandise, a - refunded));
      if (part === 0) return;
      refundedCommission += Math.min(Math.floor((commission * part) / a), commission - refundedCommission);
      refunded += part;
    };
    for (const r of o.refunds) reverse(r.lineItems.reduce((x, l) => x + l.subtotal - (o.taxesIncluded ? l.totalTax : 0), 0));
    if (o.cancelledAt !== null) reverse(a - refunded);
    if (a > 0 && refunded >= a) refundedCommission = commission;
    perOrder.set(o.id, { amount: a, refunded, commission, refundedCommission });
    amount += a;
    net += a - refunded;
    netCommission += commission - refundedCommission;
    conversionsCount++;
    refunds += o.refunds.filter((r) => r.lineItems.some((l) => l.subtotal > 0)).length;
  }
  return { conversions: conversionsCount, amount, net, netCommission, refunds, perOrder };
}

/** The ledger's totals for a workspace: sums of entries, and of the conversions' maintained totals (which must agree). */
export async function ledgerOf(db: Db, workspaceId: string) {
  const [entries] = await db
    .select({ amount: sql<string>`coalesce(sum(${ledgerEntries.amountCents}), 0)`, commission: sql<string>`coalesce(sum(${ledgerEntries.commissionCents}), 0)`, n: sql<string>`count(*)` })
    .from(ledgerEntries)
    .where(eq(ledgerEntries.workspaceId, workspaceId));
  const rows = await db.select().from(conversions).where(eq(conversions.workspaceId, workspaceId));
  const totals = rows.reduce(
    (t, c) => ({
      amount: t.amount + c.orderAmountCents,
      net: t.net + c.orderAmountCents - c.refundAmountCents,
      netCommission: t.netCommission + c.commissionCents - c.refundedCommissionCents,
    }),
    { amount: 0, net: 0, netCommission: 0 },
  );
  return { conversions: rows, entries: { net: Number(entries!.amount), netCommission: Number(entries!.commission), count: Number(entries!.n) }, ...totals };
}

/** Ledger entries of one cause kind (e.g. every `refund:` reversal) in a workspace. */
export async function entriesLike(db: Db, workspaceId: string, prefix: string) {
  return db
    .select()
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.workspaceId, workspaceId), sql`${ledgerEntries.causeKey} like ${`${prefix}%`}`));
}
