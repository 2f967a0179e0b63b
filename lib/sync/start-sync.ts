import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, shops, syncRuns } from "@/db/schema";
import { AppError, validationError } from "@/lib/errors";
import { recordAudit, type Actor } from "@/lib/audit/record-audit";
import { enqueue } from "@/lib/jobs/enqueue";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import type { SyncRun } from "./sync-run";
import { syncRunJob } from "./sync-job";
import { logError } from "@/lib/log";

const DAY_MS = 86_400_000;
/** How far back a backfill and a reconciliation look. */
export const SYNC_LOOKBACK_DAYS = 90;
/** What Shopify shows of a store's orders to an app without `read_all_orders`. */
const VISIBLE_WITHOUT_ALL_ORDERS_DAYS = 60;
/** A running run whose row has not moved for this long lost its runner (crash, deploy): it is handed off again. */
export const STALE_RUN_MS = 10 * 60_000;
/** The daily reconciliation starts for a workspace when its last one started at least this long ago. */
export const RECONCILE_EVERY_MS = 20 * 60 * 60_000;

type Kind = SyncRun["kind"];

/** A run a brand asked for, and whether asking started it or found the same kind already running (nothing new started). */
export type StartedRun = SyncRun & { alreadyRunning: boolean };

/**
 * Creates a run unless the same kind (and campaign) is already running for the workspace — then
 * that one is returned: starting twice (a double click, connect + retry) does the work once. Under
 * a per-workspace advisory lock, so concurrent starts agree.
 */
async function createRun(
  db: Db,
  input: { workspaceId: string; kind: Kind; campaignId?: string | null; fromAt: Date; toAt: Date; actor: Actor; data?: Record<string, unknown> },
): Promise<{ run: SyncRun; created: boolean }> {
  const result = await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`sync:${input.workspaceId}`}))`);
    const [existing] = await tx
      .select()
      .from(syncRuns)
      .where(
        and(
          eq(syncRuns.workspaceId, input.workspaceId),
          eq(syncRuns.kind, input.kind),
          eq(syncRuns.status, "running"),
          input.campaignId ? eq(syncRuns.campaignId, input.campaignId) : isNull(syncRuns.campaignId),
        ),
      )
      .limit(1);
    if (existing) return { run: existing, created: false };
    const [run] = await tx
      .insert(syncRuns)
      .values({ workspaceId: input.workspaceId, kind: input.kind, campaignId: input.campaignId ?? null, fromAt: input.fromAt, toAt: input.toAt })
      .returning();
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: `sync.${input.kind}_started`,
      targetType: "sync_run",
      targetId: run!.id,
      data: { from: input.fromAt.toISOString(), to: input.toAt.toISOString(), campaignId: input.campaignId ?? null, ...input.data },
    });
    return { run: run!, created: true };
  });
  if (result.created) await enqueue(syncRunJob, { workspaceId: input.workspaceId, runId: result.run.id }, { id: `sync-run:${result.run.id}` });
  return result;
}

async function requireShop(db: Db, workspaceId: string) {
  const shop = await getConnectedShop(db, workspaceId);
  if (!shop) throw new AppError("conflict", "Connect a Shopify store first: there are no orders to read yet.", { reason: "shop_not_connected" });
  return shop;
}

/** Without `read_all_orders` Shopify shows only the last 60 days of orders: read no further back than that. */
function lookbackDays(shop: { scopes: string | null }): number {
  const scopes = (shop.scopes ?? "").split(",").map((s) => s.trim());
  return scopes.includes("read_all_orders") ? SYNC_LOOKBACK_DAYS : VISIBLE_WITHOUT_ALL_ORDERS_DAYS;
}

/**
 * Reads the store's orders of the last 90 days — or, for a campaign, from its start (at most 90 days
 * back) to its end; 60 days when the app lacks `read_all_orders`, all Shopify shows it then —
 * through the same path as webhooks, so orders never delivered are attributed
 * and refunds are reversed exactly once. Call it when a store is connected, and on demand.
 */
export async function startBackfill(db: Db, input: { workspaceId: string; campaignId?: string | null; actor: Actor; now?: Date }): Promise<StartedRun> {
  const shop = await requireShop(db, input.workspaceId);
  const now = input.now ?? new Date();
  const days = lookbackDays(shop);
  let fromAt = new Date(now.getTime() - days * DAY_MS);
  let toAt = now;
  if (input.campaignId) {
    const [campaign] = await db
      .select()
      .from(campaigns)
      .where(and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.id, input.campaignId), isNull(campaigns.deletedAt)));
    if (!campaign) throw new AppError("not_found", "Campaign not found.");
    if (campaign.shopId !== shop.id) throw new AppError("conflict", "This campaign belongs to a store that is no longer connected.");
    const ends = [campaign.endsAt, campaign.endedAt].filter((d): d is Date => d !== null).map((d) => d.getTime());
    fromAt = new Date(Math.max(fromAt.getTime(), campaign.startsAt.getTime()));
    toAt = new Date(Math.min(now.getTime(), ...ends));
    if (fromAt >= toAt) {
      throw new AppError("conflict", campaign.startsAt > now ? "This campaign has not started yet: there are no orders to read." : `This campaign ended more than ${days} days ago: its orders are out of reach.`);
    }
  }
  const { run, created } = await createRun(db, { workspaceId: input.workspaceId, kind: "backfill", campaignId: input.campaignId ?? null, fromAt, toAt, actor: input.actor, data: { shop: shop.domain, days } });
  return { ...run, alreadyRunning: !created };
}

/**
 * The store-connected hook: starts the 90-day backfill, never failing the connection (a failure to
 * start is logged; the brand can start it from Settings). `TALLY_DISABLE_AUTO_BACKFILL=1` turns it
 * off (unit tests, where stores are connected by the hundred and read on purpose).
 */
export async function startBackfillOnConnect(db: Db, input: { workspaceId: string; actor: Actor }): Promise<SyncRun | null> {
  if (process.env.TALLY_DISABLE_AUTO_BACKFILL === "1") return null;
  try {
    return await startBackfill(db, input);
  } catch (error) {
    logError("backfill not started", error, { workspace: input.workspaceId });
    return null;
  }
}

/**
 * Checks every order of the campaigns active in the last 90 days against Shopify: repairs missed
 * orders and refunds through the webhook path, then corrects conversions whose totals differ from
 * Shopify's amounts with ledger adjustments. Runs daily (`startDueReconciliations`) and on demand.
 */
export async function startReconciliation(db: Db, input: { workspaceId: string; actor: Actor; now?: Date }): Promise<StartedRun> {
  const shop = await requireShop(db, input.workspaceId);
  const now = input.now ?? new Date();
  const days = lookbackDays(shop);
  const { run, created } = await createRun(db, {
    workspaceId: input.workspaceId,
    kind: "reconcile",
    fromAt: new Date(now.getTime() - days * DAY_MS),
    toAt: now,
    actor: input.actor,
    data: { shop: shop.domain, days },
  });
  return { ...run, alreadyRunning: !created };
}

/**
 * Processes again every stored delivery received in [from, to) (set back to `received`, then the
 * normal processing): handlers are idempotent, so nothing doubles; what failed or was missed is
 * applied. `to` is capped at now.
 */
export async function startReplay(db: Db, input: { workspaceId: string; from: Date; to: Date; actor: Actor; now?: Date }): Promise<StartedRun> {
  const now = input.now ?? new Date();
  const to = input.to > now ? now : input.to;
  if (Number.isNaN(input.from.getTime()) || Number.isNaN(input.to.getTime())) throw validationError([{ path: ["from"], message: "Choose a start and an end." }]);
  if (input.from >= to) throw validationError([{ path: ["to"], message: "The end must be after the start (and the start in the past)." }]);
  const { run, created } = await createRun(db, { workspaceId: input.workspaceId, kind: "replay", fromAt: input.from, toAt: to, actor: input.actor });
  return { ...run, alreadyRunning: !created };
}

/** Starts a failed run again from where it stopped (its cursor is kept). */
export async function resumeSyncRun(db: Db, input: { workspaceId: string; runId: string; actor: Actor }): Promise<SyncRun> {
  const [run] = await db
    .update(syncRuns)
    .set({ status: "running", error: null, finishedAt: null, cursor: sql`coalesce(${syncRuns.cursor}, '{}'::jsonb) || '{"failures": 0}'::jsonb` })
    .where(and(eq(syncRuns.workspaceId, input.workspaceId), eq(syncRuns.id, input.runId), eq(syncRuns.status, "failed")))
    .returning();
  if (!run) throw new AppError("not_found", "Run not found, or it is not failed.");
  await recordAudit(db, { workspaceId: input.workspaceId, actor: input.actor, action: `sync.${run.kind}_resumed`, targetType: "sync_run", targetId: run.id });
  await enqueue(syncRunJob, { workspaceId: run.workspaceId, runId: run.id });
  return run;
}

/**
 * Hands off runs still `running` whose row has not moved for STALE_RUN_MS (the process running
 * them died, or the event was lost): they continue from their cursor. Touches them first, so a
 * second sweep does not hand them off again right away.
 */
export async function resumeStaleSyncRuns(db: Db, options: { staleMs?: number } = {}): Promise<{ resumed: number }> {
  const stale = await db
    .update(syncRuns)
    .set({ updatedAt: new Date() })
    .where(and(eq(syncRuns.status, "running"), lt(syncRuns.updatedAt, new Date(Date.now() - (options.staleMs ?? STALE_RUN_MS)))))
    .returning({ id: syncRuns.id, workspaceId: syncRuns.workspaceId });
  for (const r of stale) await enqueue(syncRunJob, { workspaceId: r.workspaceId, runId: r.id });
  return { resumed: stale.length };
}

/**
 * The daily reconciliation: every workspace with a connected store and a campaign active in the
 * last 90 days whose last reconciliation started RECONCILE_EVERY_MS ago or more (or never) gets one.
 * Safe to call often (the in-process timer): each workspace starts at most one a day.
 */
export async function startDueReconciliations(db: Db, options: { now?: Date } = {}): Promise<{ started: number }> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - SYNC_LOOKBACK_DAYS * DAY_MS);
  const lastStart = new Date(now.getTime() - RECONCILE_EVERY_MS);
  const due = await db
    .select({ workspaceId: shops.workspaceId })
    .from(shops)
    .where(
      and(
        eq(shops.status, "connected"),
        sql`exists (select 1 from ${campaigns} where ${campaigns.workspaceId} = ${shops.workspaceId} and ${campaigns.shopId} = ${shops.id}
              and ${campaigns.startsAt} < ${now.toISOString()}::timestamptz
              and coalesce(least(${campaigns.endsAt}, ${campaigns.endedAt}, ${campaigns.deletedAt}), 'infinity'::timestamptz) > ${since.toISOString()}::timestamptz)`,
        sql`not exists (select 1 from ${syncRuns} where ${syncRuns.workspaceId} = ${shops.workspaceId} and ${syncRuns.kind} = 'reconcile'
              and (${syncRuns.startedAt} > ${lastStart.toISOString()}::timestamptz or ${syncRuns.status} = 'running'))`,
      ),
    );
  let started = 0;
  for (const w of due) {
    try {
      await startReconciliation(db, { workspaceId: w.workspaceId, actor: { kind: "system", id: "daily-reconciliation" }, now });
      started++;
    } catch (error) {
      logError("daily reconciliation not started", error, { workspace: w.workspaceId });
    }
  }
  return { started };
}

/** In-process timer (no Inngest): hand off stale runs and start the day's reconciliations. Cheap when there is nothing to do. */
export async function sweepSyncRuns(db: Db): Promise<{ resumed: number; started: number }> {
  const { resumed } = await resumeStaleSyncRuns(db);
  const { started } = await startDueReconciliations(db);
  return { resumed, started };
}
