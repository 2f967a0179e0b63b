import { and, asc, count, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, orderLines, orders as ordersTable, syncRuns, webhookDeliveries } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { applyShopifyOrder } from "@/lib/orders/apply-shopify-order";
import { ShopifyApiError } from "@/lib/shopify/shopify-api-error";
import { getConnectedShop, type ShopRow } from "@/lib/shops/get-connected-shop";
import { processDelivery } from "@/lib/webhooks/process-delivery";
import { addCounts, ordersCursor, replayCursor, type OrdersCursor, type ReplayCursor } from "./cursor";
import { orderFromGraphql, type TGraphqlOrder } from "./order-from-graphql";
import { reconcileConversion } from "./reconcile-conversion";
import { completeOrders, countOrders, fetchOrdersPage, planWindows } from "./shopify-orders";

export type SyncRun = typeof syncRuns.$inferSelect;

/** Consecutive failed attempts after which a run is marked failed (the job's retries + 1). */
export const MAX_ATTEMPTS = 5;
/** Deliveries replayed between two cursor saves. */
const REPLAY_BATCH = 25;
/** Do not start fetching the next page this close to the chunk's end (it would be thrown away). */
const PREFETCH_MARGIN_MS = 3_000;

/** Test seams: throwing from one simulates a crash at that point. */
export type SyncHooks = {
  /** Inside a page's transaction, after its effects and before its cursor: a throw loses exactly this page. */
  beforeCommit?: (page: { runId: string; seq: number }) => void | Promise<void>;
  /** After a page (and its cursor) committed. */
  afterCommit?: (page: { runId: string; seq: number }) => void | Promise<void>;
};

let hooksForTests: SyncHooks | undefined;
/** Test helper: hooks every run uses (the job's too) until cleared with `undefined`. */
export function setSyncHooksForTests(hooks: SyncHooks | undefined): void {
  hooksForTests = hooks;
}

/** `done`: this runner should stop (finished, failed, gone, or another runner owns the run). */
export type AdvanceResult = { done: boolean; status: SyncRun["status"] | "missing" };

/**
 * Moves a run forward for about `budgetMs` (one durable step of the job), page by page: each page's
 * effects, cursor, counts and progress commit in one transaction, so a crash loses at most the page
 * in flight and a re-run continues from the stored cursor (re-applying a page is idempotent anyway).
 * A failure is recorded on the run and rethrown for the job runner to retry; after MAX_ATTEMPTS
 * consecutive failures, or at once for errors a retry cannot fix (store disconnected, access
 * denied), the run is marked failed and the error shown to the brand.
 */
export async function advanceSyncRun(db: Db, input: { runId: string; budgetMs?: number; hooks?: SyncHooks }): Promise<AdvanceResult> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, input.runId));
  if (!run) return { done: true, status: "missing" };
  if (run.status !== "running") return { done: true, status: run.status };
  const deadline = Date.now() + (input.budgetMs ?? 25_000);
  const hooks = input.hooks ?? hooksForTests;
  try {
    if (run.kind === "replay") return await advanceReplay(db, run, deadline, hooks);
    return await advanceOrders(db, run, deadline, hooks);
  } catch (error) {
    return handleFailure(db, run.id, error);
  }
}

/** Runs a run to its end in this process (tests, CLI): `advanceSyncRun` until done. */
export async function runSyncRun(db: Db, runId: string, options: { hooks?: SyncHooks } = {}): Promise<AdvanceResult> {
  for (;;) {
    const result = await advanceSyncRun(db, { runId, budgetMs: 60_000, hooks: options.hooks });
    if (result.done) return result;
  }
}

// ------------------------------------------------------------------------------------------ failures

function isPermanent(error: unknown): boolean {
  if (error instanceof AppError) return true;
  if (error instanceof ShopifyApiError) return error.kind === "graphql" || error.kind === "unauthorized" || error.kind === "invalid_response";
  return false;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}

async function handleFailure(db: Db, runId: string, error: unknown): Promise<AdvanceResult> {
  const [run] = await db.select().from(syncRuns).where(eq(syncRuns.id, runId));
  if (!run || run.status !== "running") throw error;
  const cursor = (run.cursor ?? {}) as Record<string, unknown>;
  const failures = (typeof cursor.failures === "number" ? cursor.failures : 0) + 1;
  if (isPermanent(error) || failures >= MAX_ATTEMPTS) {
    await db
      .update(syncRuns)
      .set({ status: "failed", error: describe(error), finishedAt: new Date(), cursor: { ...cursor, failures } })
      .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
    return { done: true, status: "failed" };
  }
  await db
    .update(syncRuns)
    .set({ error: `Attempt ${failures} of ${MAX_ATTEMPTS} failed, retrying: ${describe(error)}`, cursor: { ...cursor, failures } })
    .where(and(eq(syncRuns.id, runId), eq(syncRuns.status, "running")));
  throw error;
}

// ------------------------------------------------------------------------------------------ commits

type CommitWrite = {
  cursor: Record<string, unknown>;
  counts?: Record<string, number>;
  progress?: { done: number; total: number };
  complete?: boolean;
};

/**
 * One transaction: locks the run, checks that its cursor is still at `seq` (else another runner
 * moved it: nothing is written and false is returned), runs `effects`, and stores what they return
 * with `seq + 1`.
 */
async function commit(
  db: Db,
  runId: string,
  seq: number,
  effects: (tx: Db, run: SyncRun) => Promise<CommitWrite>,
  hooks?: SyncHooks,
): Promise<boolean> {
  const ok = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [run] = await tx.select().from(syncRuns).where(eq(syncRuns.id, runId)).for("update");
    const stored = (run?.cursor ?? {}) as { seq?: unknown };
    if (!run || run.status !== "running" || (typeof stored.seq === "number" ? stored.seq : 0) !== seq) return false;
    const write = await effects(tx, run);
    await hooks?.beforeCommit?.({ runId, seq });
    await tx
      .update(syncRuns)
      .set({
        cursor: { ...write.cursor, seq: seq + 1, failures: 0 },
        ...(write.counts ? { counts: write.counts } : {}),
        ...(write.progress ? { progress: write.progress } : {}),
        error: null,
        ...(write.complete ? { status: "completed" as const, finishedAt: new Date() } : {}),
      })
      .where(eq(syncRuns.id, runId));
    return true;
  });
  if (ok) await hooks?.afterCommit?.({ runId, seq });
  return ok;
}

const finalProgress = (p: { done: number; total: number }) => {
  const n = Math.max(p.done, p.total);
  return { done: n, total: n };
};

// ------------------------------------------------------------------------------------------ backfill, reconciliation

/**
 * The periods a reconciliation reads: when the current store's campaigns were active, within the
 * run's [from, to) (the last 90 days), merged. Orders outside them cannot belong to a campaign.
 */
export async function reconcileRanges(db: Db, run: Pick<SyncRun, "workspaceId" | "fromAt" | "toAt">, shopId: string): Promise<{ from: Date; to: Date }[]> {
  const rows = await db
    .select({ startsAt: campaigns.startsAt, endsAt: campaigns.endsAt, endedAt: campaigns.endedAt, deletedAt: campaigns.deletedAt })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, run.workspaceId), eq(campaigns.shopId, shopId)));
  const ranges = rows
    .map((c) => {
      const ends = [c.endsAt, c.endedAt, c.deletedAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
      const end = Math.min(run.toAt.getTime(), ...ends);
      return { from: Math.max(c.startsAt.getTime(), run.fromAt.getTime()), to: end };
    })
    .filter((r) => r.from < r.to)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.from <= last.to) last.to = Math.max(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged.map((r) => ({ from: new Date(r.from), to: new Date(r.to) }));
}

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

async function advanceOrders(db: Db, run: SyncRun, deadline: number, hooks?: SyncHooks): Promise<AdvanceResult> {
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
    const ok = await commit(db, run.id, cursor.seq, async () => ({ cursor: planned, progress: { done: 0, total } }));
    if (!ok) return { done: true, status: "running" };
    cursor = { ...planned, seq: cursor.seq + 1, failures: 0 };
  }
  const windows = cursor.windows!;

  let prefetched: Promise<PreparedPage> | null = null;
  for (;;) {
    if (cursor.window >= windows.length) {
      const ok = await commit(db, run.id, cursor.seq, async (_tx, locked) => ({ cursor, progress: finalProgress(locked.progress), complete: true }));
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

    const ok = await commit(
      db,
      run.id,
      cursor.seq,
      async (tx, locked) => {
        const pageCounts = await applyOrders(tx, run, shop, page.orders);
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

/** Applies a page's orders through the one path every order takes, and (reconciliation) checks their conversions. */
async function applyOrders(tx: Db, run: SyncRun, shop: ShopRow, page: TGraphqlOrder[]): Promise<Record<string, number>> {
  const reconcile = run.kind === "reconcile";
  const c: Record<string, number> = reconcile
    ? { ordersChecked: 0, conversionsChecked: 0, differencesFound: 0, amountCorrectedCents: 0, commissionCorrectedCents: 0, conversionsAdded: 0, refundsApplied: 0 }
    : { ordersScanned: 0, refundsApplied: 0, conversionsAdded: 0 };
  const inc = (key: string, by = 1) => {
    c[key] = (c[key] ?? 0) + by;
  };
  if (page.length === 0) return c;
  const ids = page.map((o) => o.legacyResourceId);
  const stored = await tx
    .select({ id: ordersTable.shopifyOrderId, orderId: ordersTable.id, customerName: ordersTable.customerName, email: ordersTable.email })
    .from(ordersTable)
    .where(and(eq(ordersTable.workspaceId, run.workspaceId), inArray(ordersTable.shopifyOrderId, ids)));
  // Each stored line's tax: a page carries line taxes only when prices include them (then they move money).
  const lineTaxes = stored.length
    ? await tx
        .select({ orderId: orderLines.orderId, lineId: orderLines.shopifyLineItemId, taxCents: orderLines.taxCents })
        .from(orderLines)
        .where(and(eq(orderLines.workspaceId, run.workspaceId), inArray(orderLines.orderId, stored.map((s) => s.orderId))))
    : [];
  const taxOf = new Map<string, Map<number, number>>();
  for (const l of lineTaxes) taxOf.set(l.orderId, (taxOf.get(l.orderId) ?? new Map()).set(l.lineId, l.taxCents));
  const keep = new Map(stored.map((s) => [s.id, { customerName: s.customerName, email: s.email, lineTaxCents: taxOf.get(s.orderId) }]));
  for (const node of page) {
    const order = orderFromGraphql(node, keep.get(node.legacyResourceId) ?? {});
    const result = await applyShopifyOrder(tx, { workspaceId: run.workspaceId, shopId: shop.id, order });
    inc(reconcile ? "ordersChecked" : "ordersScanned");
    if (result.attribution.outcome === "created") inc("conversionsAdded");
    inc("refundsApplied", result.reversed);
    if (!reconcile) continue;
    const outcome = await reconcileConversion(tx, { workspaceId: run.workspaceId, shopifyOrderId: order.id, runId: run.id });
    if (outcome.kind === "no_conversion") continue;
    inc("conversionsChecked");
    if (outcome.kind === "corrected") {
      inc("differencesFound");
      inc("amountCorrectedCents", outcome.netAmountCents);
      inc("commissionCorrectedCents", outcome.netCommissionCents);
    }
  }
  return c;
}

// ------------------------------------------------------------------------------------------ replay

/** received_at at full (microsecond) precision, for the keyset. */
const receivedAtText = sql<string>`to_char(${webhookDeliveries.receivedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

async function advanceReplay(db: Db, run: SyncRun, deadline: number, hooks?: SyncHooks): Promise<AdvanceResult> {
  let cursor: ReplayCursor = replayCursor(run.cursor);
  const inWindow = and(eq(webhookDeliveries.workspaceId, run.workspaceId), gte(webhookDeliveries.receivedAt, run.fromAt), lt(webhookDeliveries.receivedAt, run.toAt));

  if (cursor.total === null) {
    const [row] = await db.select({ n: count() }).from(webhookDeliveries).where(inWindow);
    const counted: ReplayCursor = { ...cursor, total: row?.n ?? 0 };
    const ok = await commit(db, run.id, cursor.seq, async () => ({ cursor: counted, progress: { done: 0, total: counted.total! } }));
    if (!ok) return { done: true, status: "running" };
    cursor = { ...counted, seq: cursor.seq + 1, failures: 0 };
  }

  for (;;) {
    if (Date.now() >= deadline) return { done: false, status: "running" };
    const after =
      cursor.afterReceivedAt && cursor.afterId
        ? sql`(${webhookDeliveries.receivedAt}, ${webhookDeliveries.id}) > (${cursor.afterReceivedAt}::timestamptz, ${cursor.afterId})`
        : undefined;
    const batch = await db
      .select({ id: webhookDeliveries.id, receivedAt: receivedAtText })
      .from(webhookDeliveries)
      .where(and(inWindow, after))
      .orderBy(asc(webhookDeliveries.receivedAt), asc(webhookDeliveries.id))
      .limit(REPLAY_BATCH);
    if (batch.length === 0) {
      const ok = await commit(db, run.id, cursor.seq, async (_tx, locked) => ({ cursor, progress: finalProgress(locked.progress), complete: true }));
      return { done: true, status: ok ? "completed" : "running" };
    }
    const batchCounts = { deliveriesReplayed: 0, deliveriesIgnored: 0, deliveriesSkipped: 0, deliveriesFailed: 0 };
    for (const d of batch) {
      // Back to `received` (a delivery being processed right now is left to its runner), then the normal path.
      await db
        .update(webhookDeliveries)
        .set({ status: "received" })
        .where(and(eq(webhookDeliveries.id, d.id), inArray(webhookDeliveries.status, ["processed", "failed", "ignored"])));
      try {
        const { outcome } = await processDelivery(db, d.id);
        if (outcome === "processed") batchCounts.deliveriesReplayed++;
        else if (outcome === "ignored") batchCounts.deliveriesIgnored++;
        else if (outcome === "failed") batchCounts.deliveriesFailed++;
        else batchCounts.deliveriesSkipped++;
      } catch {
        // processDelivery recorded the error on the delivery (Deliveries page); the replay goes on.
        batchCounts.deliveriesFailed++;
      }
    }
    const last = batch[batch.length - 1]!;
    const next: ReplayCursor = { ...cursor, afterReceivedAt: last.receivedAt, afterId: last.id };
    const ok = await commit(
      db,
      run.id,
      cursor.seq,
      async (_tx, locked) => {
        const counts = addCounts(locked.counts, batchCounts);
        return { cursor: next, counts, progress: { done: Math.min(locked.progress.done + batch.length, locked.progress.total), total: locked.progress.total } };
      },
      hooks,
    );
    if (!ok) return { done: true, status: "running" };
    cursor = { ...next, seq: cursor.seq + 1, failures: 0 };
  }
}
