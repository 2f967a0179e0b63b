import { z } from "zod";
import type { Db } from "@/db/client";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { shopifyGraphql } from "@/lib/shops/shop-graphql";
import { ORDER_SYNC_DETAILS, ORDERS_COUNT, ORDERS_SYNC_PAGE } from "@/lib/shopify/documents";
import type { ShopRow } from "@/lib/shops/get-connected-shop";
import { needsDetails, withDetails, ZGraphqlOrder, ZGraphqlOrderDetails, type TGraphqlOrder, type TGraphqlOrderDetails } from "./order-from-graphql";

/**
 * Reading a store's orders for the backfill and the reconciliation.
 *
 * Windows: Shopify stops cursor pagination after 25,000 objects (NOTES §3.6), so a query must never
 * match more. Rather than a fixed number of days (too many windows — hence requests and points — for
 * a small store, too few for a big one), the period is cut by counting: a window holds at most
 * `MAX_WINDOW_ORDERS` (20,000, a 20 % margin for orders updated during the run, which sort to the end
 * and are read again); a fuller one is halved until it fits (`ordersCount(limit:)`, cost 1). A small
 * store's 90 days are one window; 100,000 orders in 90 days make 8 windows of ~11 days.
 *
 * Each window is `created_at:>='from' created_at:<'to'` (contiguous, whole seconds: no order falls
 * between two windows), paged by UPDATED_AT ascending (the page document's sort): an order updated
 * while the run pages moves to the end of its window and is read again — never skipped — and its
 * re-application is idempotent. Created-at windows are stable (no order is created in the past),
 * unlike updated-at ones, which orders leave while the run is reading.
 */
export const MAX_WINDOW_ORDERS = 20_000;
/** Orders per page: Shopify's maximum; ORDERS_SYNC_PAGE then requests ≈ 720 points. Halved on MAX_COST_EXCEEDED. */
export const PAGE_SIZE = 250;
export const MIN_PAGE_SIZE = 10;
/** Never cut a window below this while planning. */
const MIN_WINDOW_MS = 60 * 60 * 1000;
/** Orders per ORDER_SYNC_DETAILS request. */
const DETAILS_BATCH = 10;

export type OrderWindow = { from: string; to: string; count: number };

/** Shopify search timestamps: UTC, whole seconds. */
export function searchTime(d: Date): string {
  return new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z");
}

export function windowQuery(w: { from: string; to: string }): string {
  return `created_at:>='${w.from}' created_at:<'${w.to}'`;
}

const ZCount = z.object({ ordersCount: z.object({ count: z.number(), precision: z.string() }).nullable() });

export async function countOrders(db: Db, shop: ShopRow, w: { from: string; to: string }, limit = MAX_WINDOW_ORDERS): Promise<{ count: number; atLeast: boolean }> {
  const data = await shopifyGraphql(db, shop, ORDERS_COUNT, { query: windowQuery(w), limit }, { schema: ZCount });
  const count = data.ordersCount?.count ?? 0;
  return { count, atLeast: data.ordersCount?.precision !== "EXACT" || count >= limit };
}

/**
 * Cuts `ranges` into windows of at most MAX_WINDOW_ORDERS orders each (by halving), oldest first.
 * `count` is injectable for tests.
 */
export async function planWindows(
  ranges: { from: Date; to: Date }[],
  count: (w: { from: string; to: string }) => Promise<{ count: number; atLeast: boolean }>,
): Promise<OrderWindow[]> {
  const out: OrderWindow[] = [];
  const visit = async (fromMs: number, toMs: number): Promise<void> => {
    const w = { from: searchTime(new Date(fromMs)), to: searchTime(new Date(toMs)) };
    if (w.from >= w.to) return;
    const c = await count(w);
    if (!c.atLeast || toMs - fromMs <= MIN_WINDOW_MS) {
      out.push({ ...w, count: c.count });
      return;
    }
    const mid = Math.floor((fromMs + (toMs - fromMs) / 2) / 1000) * 1000;
    await visit(fromMs, mid);
    await visit(mid, toMs);
  };
  const sorted = [...ranges].sort((a, b) => a.from.getTime() - b.from.getTime());
  for (const r of sorted) await visit(Math.floor(r.from.getTime() / 1000) * 1000, Math.floor(r.to.getTime() / 1000) * 1000);
  return out;
}

const ZPage = z.object({
  orders: z.object({
    pageInfo: z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() }),
    nodes: z.array(ZGraphqlOrder),
  }),
});

export type OrdersPage = { orders: TGraphqlOrder[]; hasNextPage: boolean; endCursor: string | null; pageSize: number };

/**
 * One page of a window. When Shopify rejects the query's cost (MAX_COST_EXCEEDED: its cost model is
 * not ours to know for sure), the page size is halved and the page asked again.
 */
export async function fetchOrdersPage(
  db: Db,
  shop: ShopRow,
  input: { window: { from: string; to: string }; after: string | null; pageSize: number },
): Promise<OrdersPage> {
  let first = input.pageSize;
  for (;;) {
    try {
      const data = await shopifyGraphql(db, shop, ORDERS_SYNC_PAGE, { first, after: input.after, query: windowQuery(input.window) }, { schema: ZPage });
      return { orders: data.orders.nodes, hasNextPage: data.orders.pageInfo.hasNextPage, endCursor: data.orders.pageInfo.endCursor, pageSize: first };
    } catch (error) {
      if (error instanceof ShopifyApiError && error.code === "MAX_COST_EXCEEDED" && first > MIN_PAGE_SIZE) {
        first = Math.max(MIN_PAGE_SIZE, Math.floor(first / 2));
        continue;
      }
      throw error;
    }
  }
}

const ZDetails = z.object({ nodes: z.array(z.unknown()) });

/**
 * Completes the orders a page left incomplete (`needsDetails`): line-item taxes when prices include
 * tax, and lists cut at the page's `first`. An order Shopify no longer answers for (deleted between
 * the two requests) is left out (`skipped`) rather than recorded with incomplete money.
 */
export async function completeOrders(db: Db, shop: ShopRow, orders: TGraphqlOrder[]): Promise<{ orders: TGraphqlOrder[]; skipped: number }> {
  const incomplete = orders.filter(needsDetails);
  if (incomplete.length === 0) return { orders, skipped: 0 };
  const details = new Map<string, TGraphqlOrderDetails>();
  for (let i = 0; i < incomplete.length; i += DETAILS_BATCH) {
    const ids = incomplete.slice(i, i + DETAILS_BATCH).map((o) => o.id);
    const data = await shopifyGraphql(db, shop, ORDER_SYNC_DETAILS, { ids, lineItemsAfter: null }, { schema: ZDetails });
    for (const node of data.nodes) {
      const parsed = ZGraphqlOrderDetails.safeParse(node);
      if (parsed.success) details.set(parsed.data.id, parsed.data);
    }
  }
  // More than 100 line items: the rest of them, one order at a time.
  for (const d of details.values()) {
    let page = d.lineItems.pageInfo;
    while (page?.hasNextPage && page.endCursor) {
      const data = await shopifyGraphql(db, shop, ORDER_SYNC_DETAILS, { ids: [d.id], lineItemsAfter: page.endCursor }, { schema: ZDetails });
      const more = ZGraphqlOrderDetails.safeParse(data.nodes[0]);
      if (!more.success) break;
      d.lineItems = { ...more.data.lineItems, nodes: [...d.lineItems.nodes, ...more.data.lineItems.nodes] };
      page = more.data.lineItems.pageInfo;
    }
  }
  const complete: TGraphqlOrder[] = [];
  for (const o of orders) {
    const d = details.get(o.id);
    if (d) complete.push(withDetails(o, d));
    else if (!needsDetails(o)) complete.push(o);
  }
  return { orders: complete, skipped: orders.length - complete.length };
}
