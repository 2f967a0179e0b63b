import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors";
import { getConnectedShop, type ShopRow } from "@/lib/shops/get-connected-shop";
import { applyOrdersPage } from "./apply-orders-page";
import { commitSyncStep, finalProgress } from "./commit-sync-step";
import { addCounts, ordersCursor, type OrdersCursor } from "./cursor";
import type { TGraphqlOrder } from "./order-from-graphql";
import { reconcileRanges } from "./reconcile-ranges";
import { completeOrders, countOrders, fetchOrdersPage, planWindows } from "./shopify-orders";
import type { AdvanceResult, SyncHooks, SyncRun } from "./sync-run";

/** Do not start fetching the next page this close to the chunk's end (it would be thrown away). */
const PREFETCH_MARGIN_MS = 3_000;

type PreparedPage = { orders: TGraphqlOrder[]; skipped: number; hasNextPage: boolean; endCursor: string | null; pageSize: number };

async function preparePage(db: Db, shop: ShopRow, cursor: OrdersCursor): Promise<PreparedPage> {
  const window = cursor.windows![cursor.window]!;
  const page = await fetchOrdersPage(db, shop, { window, after: cursor.after, pageSize: cursor.pageSize });
  const complete = await completeOrders(db, shop, page.orders);
  return { ...page, orders: complete.orders, skipped: complete.skipped };
}

function nextCursor(cursor: OrdersCursor, page: PreparedPage): OrdersCursor {
  const more = page.hasNextPage && page.endCursor !== null;
  return { ...cursor, window: more ? cursor.window : cursor.window + 1, after: more ? page.endCursor : null, pageSize: page.pageSize };
}

/** A backfill or reconciliation step: plans its windows once, then reads and applies Shopify's orders page by page until `deadline`. */
export async function advanceOrders(db: Db, run: SyncRun, deadline: number, hooks?: SyncHooks): Promise<AdvanceResult> {
  const shop = await getConnectedShop(db, run.workspaceId);
  if (!shop) {
    throw new AppError("conflict", "No Shopify store is connected to this workspace any more. Reconnect it, then start again.", { reason: "shop_not_connected" });
  }
  let cursor = ordersCursor(run.cursor);

  if (cursor.windows === null) {
    const ranges = run.kind === "reconcile" ? await reconcileRanges(db, run, shop.id) : [{ from: run.fromAt, to: run.toAt }];
    const windows = await planWindows(ranges, (w) => countOrders(db, shop, w));
    const planned: OrdersCursor = { ...cursor, windows, window: 0, after: null };
    const total = windows.reduce((s, w) => s + w.count, 0);
    const ok = await commitSyncStep(db, run.id, cursor.seq, async () => ({ cursor: planned, progress: { done: 0, total } }));
    if (!ok) return { done: true, status: "running" };
    cursor = { ...planned, seq: cursor.seq + 1, failures: 0 };
  }
  const windows = cursor.windows!;

  let prefetched: Promise<PreparedPage> | null = null;
  for (;;) {
    if (cursor.window >= windows.length) {
      const ok = await commitSyncStep(db, run.id, cursor.seq, async (_tx, locked) => ({ cursor, progress: finalProgress(locked.progress), complete: true }));
      return { done: true, status: ok ? "completed" : "running" };
    }
    if (Date.now() >= deadline) return { done: false, status: "running" };

    const page: PreparedPage = await (prefetched ?? preparePage(db, shop, cursor));
    prefetched = null;
    const next = nextCursor(cursor, page);
    // Read the next page while this one is written: Shopify's throttle waits and the database work overlap.
    if (next.window < windows.length && Date.now() < deadline - PREFETCH_MARGIN_MS) {
      const ahead = preparePage(db, shop, next);
      ahead.catch(() => {}); // awaited (and its error surfaced) on the next turn, or dropped
      prefetched = ahead;
    }

    const ok = await commitSyncStep(
      db,
      run.id,
      cursor.seq,
      async (tx, locked) => {
        const pageCounts = await applyOrdersPage(tx, run, shop, page.orders);
        if (page.skipped) pageCounts.ordersSkipped = page.skipped;
        const counts = addCounts(locked.counts, pageCounts);
        const done = counts[run.kind === "reconcile" ? "ordersChecked" : "ordersScanned"] ?? 0;
        return { cursor: next, counts, progress: { done: Math.min(done, locked.progress.total), total: locked.progress.total } };
      },
      hooks,
    );
    if (!ok) return { done: true, status: "running" };
    cursor = { ...next, seq: cursor.seq + 1, failures: 0 };
  }
}
