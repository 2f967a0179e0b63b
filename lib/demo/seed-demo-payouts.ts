import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions, creators, payouts } from "@/db/schema";
import { drainInProcessJobs } from "@/lib/jobs/run-in-process";
import { markPayoutPaid, startPayoutProcessing } from "@/lib/payouts/change-payout";
import { createPayout } from "@/lib/payouts/create-payout";
import { updatePayoutHoldDays } from "@/lib/payouts/update-payout-settings";
import { DEMO_CREATOR } from "./demo-accounts";
import { DEMO_SHOP } from "./seed-demo-store";
import { SimulatorClient } from "./simulator-client";

const DEMO_HOLD_DAYS = 3;

/**
 * One paid payout and one clawback for the demo, once its orders have come in through the webhooks
 * (they reach the app only once it listens, so this runs in the app, after the demo store): the demo
 * brand holds commission 3 days, pays what is payable as P-0001 (with a reference as from a PayPal
 * upload), then a customer returns an order P-0001 paid — a negative payable the next payout nets.
 * Idempotent: a demo workspace with a payout is done.
 */
export async function seedDemoPayouts(db: Db, input: { simulatorOrigin: string; workspaceId: string }) {
  const sim = new SimulatorClient(input.simulatorOrigin);
  const actor = { kind: "system" as const, id: "demo" };
  const done = async () => (await db.select({ id: payouts.id }).from(payouts).where(eq(payouts.workspaceId, input.workspaceId)).limit(1)).length > 0;
  if (await done()) return;
  const [creator] = await db.select({ id: creators.id }).from(creators).where(eq(creators.email, DEMO_CREATOR.email)).limit(1);
  if (!creator) return;
  // The sales history is 1–7 days old: wait until its orders are credited.
  let target: { shopifyOrderId: number } | undefined;
  for (let attempt = 0; attempt < 60 && !target; attempt++) {
    await sim.waitForDeliveries().catch(() => undefined);
    await drainInProcessJobs();
    [target] = await db
      .select({ shopifyOrderId: conversions.shopifyOrderId })
      .from(conversions)
      .where(
        and(
          eq(conversions.workspaceId, input.workspaceId),
          eq(conversions.creatorId, creator.id),
          eq(conversions.status, "approved"),
          eq(conversions.refundAmountCents, 0),
          sql`${conversions.orderCreatedAt} < now() - interval '5 days'`,
        ),
      )
      .orderBy(asc(conversions.orderCreatedAt))
      .limit(1);
    if (!target) await new Promise((r) => setTimeout(r, 2000));
  }
  if (!target || (await done())) return;
  await updatePayoutHoldDays(db, { workspaceId: input.workspaceId, holdDays: DEMO_HOLD_DAYS, actor });
  const payout = await createPayout(db, { workspaceId: input.workspaceId, currency: "USD", actor });
  await startPayoutProcessing(db, { workspaceId: input.workspaceId, payoutId: payout.id, actor });
  await markPayoutPaid(db, { workspaceId: input.workspaceId, payoutId: payout.id, reference: "PAYPAL-BATCH-7Q2DEMO", actor });
  await sim.refund(DEMO_SHOP.domain, target.shopifyOrderId, { line_items: [{ index: 0, quantity: 1 }] });
}
