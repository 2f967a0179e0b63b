import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orders } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { seedDemo } from "./seed-demo";
import { DEMO_SHOP, seedDemoStore } from "./seed-demo-store";

export type FullDemoResult = {
  workspaceId: string;
  workspaceSlug: string;
  shop: string;
  /** False when the demo was there already (nothing placed again). */
  seeded: boolean;
  creators: number;
  ordersPlaced: number;
  ordersRecorded: number;
};

/** Whether `url` answers 2xx, waiting up to `waitMs` for it (quietly: a refused connection means "not yet"). */
async function answers(url: string, waitMs = 0): Promise<boolean> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(15_000) })).ok) return true;
    } catch {
      /* not listening yet */
    }
    if (Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * `npm run tally -- demo:seed [--creators N] [--orders N]`: the whole demo through the real webhook
 * path, against whatever database DATABASE_URL names (dev or a production build): the demo sign-ins,
 * the simulated store connected the custom-app way, a campaign with N creators whose codes are pushed
 * to the store, a week of clicks, and orders placed in the store (some refunded) that reach the app
 * at `appUrl` as signed webhooks. Waits until the app has recorded every order. Needs the simulator
 * and the app to answer; says which one does not, and how to start it.
 */
export async function seedFullDemo(
  db: Db,
  input: {
    simulatorOrigin: string;
    appUrl: string;
    creators?: number;
    orders?: number;
    onStep?: (line: string) => void;
    /** How long to wait for the orders to be recorded (default 3 minutes). */
    waitMs?: number;
    /** How long to wait for the simulator and the app to answer first (the app seeding itself waits for its own server). */
    waitForAppMs?: number;
  },
): Promise<FullDemoResult> {
  const step = input.onStep ?? (() => {});
  if (!(await answers(`${input.simulatorOrigin}/_sim/shops`, input.waitForAppMs ?? 0))) {
    throw new AppError("not_configured", `The Shopify simulator does not answer at ${input.simulatorOrigin}. Start it with \`npm run dev\`, or \`npm run shopify:sim -- --app-url ${input.appUrl}\`, or set SHOPIFY_ADMIN_ORIGIN.`);
  }
  if (!(await answers(`${input.appUrl}/api/health`, input.waitForAppMs ?? 0))) {
    throw new AppError("not_configured", `The app does not answer at ${input.appUrl}: the store's webhooks would reach nobody. Start it against the same database (\`npm run dev\`, or \`npm run build && npm start\`), or set APP_URL.`);
  }
  const demo = await seedDemo(db);
  step(demo.created ? "demo sign-ins created" : "demo sign-ins already there");
  const store = await seedDemoStore(db, {
    simulatorOrigin: input.simulatorOrigin,
    workspaceId: demo.workspaceId,
    creators: input.creators,
    orders: input.orders,
    onStep: step,
  });
  let recorded = 0;
  if (store.orderIds.length > 0) {
    // The orders reach Tally as webhooks: wait until the app has recorded each of them.
    const until = Date.now() + (input.waitMs ?? 180_000);
    let lastSaid = 0;
    for (;;) {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(orders)
        .where(and(eq(orders.workspaceId, demo.workspaceId), inArray(orders.shopifyOrderId, store.orderIds)));
      recorded = row?.n ?? 0;
      if (recorded >= store.orderIds.length) break;
      if (Date.now() > until) {
        step(`${recorded} of ${store.orderIds.length} orders recorded so far; the rest arrive as Shopify retries (see Deliveries in the brand portal)`);
        break;
      }
      if (Date.now() - lastSaid > 5_000) {
        step(`webhooks: ${recorded} of ${store.orderIds.length} orders recorded`);
        lastSaid = Date.now();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    if (recorded >= store.orderIds.length) step(`all ${recorded} orders recorded through the webhook path`);
  }
  return {
    workspaceId: demo.workspaceId,
    workspaceSlug: demo.workspaceSlug,
    shop: DEMO_SHOP.domain,
    seeded: store.seeded,
    creators: store.creators,
    ordersPlaced: store.orderIds.length,
    ordersRecorded: recorded,
  };
}
