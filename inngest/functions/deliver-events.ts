import { getDb } from "@/db/client";
import { notifyFromEvents } from "@/lib/email/notify-from-events";
import { deliverEventJob } from "@/lib/webhook-endpoints/deliver-event-job";
import { sweepEventDeliveries } from "@/lib/webhook-endpoints/sweep-event-deliveries";
import { createJobFunction } from "../create-job-function";
import { inngest } from "../client";

/** One attempt of one outbound event delivery (per-endpoint concurrency). */
export const deliverEvent = createJobFunction(deliverEventJob);

/** Every minute: fan new events out to endpoints and start the deliveries that are due. */
export const sweepEventDeliveriesCron = inngest.createFunction(
  { id: "sweep-event-deliveries", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => step.run("sweep", async () => sweepEventDeliveries(await getDb())),
);

/** Every minute: the creators' notification emails for new events. */
export const notifyFromEventsCron = inngest.createFunction(
  { id: "notify-from-events", triggers: [{ cron: "* * * * *" }] },
  async ({ step }) => step.run("notify", async () => notifyFromEvents(await getDb())),
);
