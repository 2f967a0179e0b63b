import { getDb } from "@/db/client";
import { appUrl, env, inngestConfigured } from "@/lib/env";
import { logError } from "@/lib/log";

const SWEEP_INTERVAL_MS = 30_000;
const EVENT_SWEEP_INTERVAL_MS = 1_000;
/** The first sweep after start: late enough that the server is listening, early enough to catch up soon. */
const FIRST_SWEEP_DELAY_MS = 5_000;
const FOLD_INTERVAL_MS = 5_000;

/**
 * Runs once when a server process starts (instrumentation.ts): opens and migrates the database,
 * in demo mode seeds the demo workspace on an empty database, and — when no Inngest server is
 * configured — starts the delivery worker (unless TALLY_DELIVERY_WORKER=external: `npm run worker`
 * runs it) and runs the campaign-end and sync sweepers and the dashboard fold on a timer (Inngest
 * runs the same job functions, with crons, and ends campaigns with sleeping runs).
 */
export async function boot(): Promise<void> {
  const db = await getDb();
  if (!inngestConfigured() && process.env.TALLY_DELIVERY_WORKER !== "external") {
    // Webhook processing: a worker claiming recorded deliveries from Postgres, bounded
    // (TALLY_WORKER_CONCURRENCY + an urgent lane). It starts once the server can answer, so a restart
    // with a backlog serves intake and pages first; the backlog (recorded but unprocessed deliveries,
    // expired claims, due retries) drains behind them through the same bounded slots.
    const { startDeliveryWorker } = await import("@/lib/webhooks/delivery-worker");
    startDeliveryWorker(db, { startDelayMs: FIRST_SWEEP_DELAY_MS });
  }
  if (!inngestConfigured() && process.env.TALLY_DISABLE_SWEEPER !== "1") {
    const { endDueCampaigns } = await import("@/lib/campaigns/end-due-campaigns");
    const { pruneRateLimits } = await import("@/lib/rate-limit/consume-rate-limit");
    const { sweepSyncRuns } = await import("@/lib/sync/start-sync");
    const sweep = () => {
      endDueCampaigns(db).catch((error: unknown) => logError("campaign end sweep failed", error));
      pruneRateLimits(db).catch((error: unknown) => logError("rate limit pruning failed", error));
      sweepSyncRuns(db).catch((error: unknown) => logError("sync sweep failed", error));
    };
    // Catch-up after a restart (campaigns due to end, abandoned sync runs) starts only once the
    // server answers requests, and runs through the in-process runner's bounded slots.
    setTimeout(sweep, FIRST_SWEEP_DELAY_MS).unref();
    setInterval(sweep, SWEEP_INTERVAL_MS).unref();
    // The chart's campaign-day deltas (lib/dashboard/fold-campaign-days.ts): cheap, so often.
    const { foldCampaignDays } = await import("@/lib/dashboard/fold-campaign-days");
    setInterval(() => foldCampaignDays(db).catch((error: unknown) => logError("dashboard fold failed", error)), FOLD_INTERVAL_MS).unref();
    // Outbound webhooks: new events fanned out and due deliveries started every second.
    const { sweepEventDeliveriesOnce } = await import("@/lib/webhook-endpoints/sweep-event-deliveries");
    setInterval(() => void sweepEventDeliveriesOnce(db).catch((error: unknown) => logError("event delivery sweep failed", error)), EVENT_SWEEP_INTERVAL_MS).unref();
    // Creators' notification emails from the same feed (lib/email/notify-from-events.ts).
    const { notifyFromEvents } = await import("@/lib/email/notify-from-events");
    setInterval(() => void notifyFromEvents(db).catch((error: unknown) => logError("email notifier failed", error)), EVENT_SWEEP_INTERVAL_MS).unref();
  }
  if (env().TALLY_DEMO === "1") {
    const { seedDemo, demoBanner } = await import("@/lib/demo/seed-demo");
    const result = await seedDemo(db);
    // The demo logins are public (README); nothing else is printed.
    // eslint-disable-next-line no-console
    if (result.created && !env().SHOPIFY_ADMIN_ORIGIN) console.log(demoBanner(appUrl()));
    const simulatorOrigin = env().SHOPIFY_ADMIN_ORIGIN;
    if (simulatorOrigin && result.workspaceId) {
      // In the background, once this server answers (so every webhook is delivered on its first
      // attempt, and the first page is served without waiting): the demo store, its campaign, clicks
      // and orders through the real webhook path, then a payout; one "[demo]" line per step, then
      // where to go and how to sign in. On later starts it only checks the store is connected.
      const { seedFullDemo } = await import("@/lib/demo/seed-full-demo");
      const { seedDemoPayouts } = await import("@/lib/demo/seed-demo-payouts");
      const started = Date.now();
      // eslint-disable-next-line no-console
      const say = (line: string) => console.log(`[demo] ${line} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      void seedFullDemo(db, { simulatorOrigin, appUrl: appUrl(), onStep: say, waitForAppMs: 600_000 })
        .then(async (seeded) => {
          if (!seeded.seeded) return;
          await seedDemoPayouts(db, { simulatorOrigin, workspaceId: seeded.workspaceId });
          say("a paid payout and a clawback");
          // eslint-disable-next-line no-console
          console.log(demoBanner(appUrl(), simulatorOrigin));
        })
        .catch((error: unknown) => logError("demo store not seeded (is the Shopify simulator running?)", error));
    }
  }
}
