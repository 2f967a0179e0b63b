import { afterAll, beforeAll, beforeEach } from "vitest";
import type { Clock } from "./clock";
import { createShopifySimulator, type ShopifySimulator } from "./server";
import { controlApi, startWebhookReceiver, type WebhookReceiver } from "./testing";

/**
 * For one of this package's test files: a simulator listening on a free port, delivering its
 * webhooks (retried once after 10 ms) to a receiver that checks their signatures; both started
 * before the file's tests and closed after them. Before each test the simulator is reset (with
 * `waitForDeliveries`, after the previous test's deliveries) and the receiver forgets what it got. `call` drives the control API.
 */
export function serverForFile(opts: { secret: string; clock: Clock; appTopics: string[]; waitForDeliveries?: boolean }) {
  const h = {} as { sim: ShopifySimulator; url: string; receiver: WebhookReceiver };
  beforeAll(async () => {
    h.receiver = await startWebhookReceiver({ secret: opts.secret });
    h.sim = createShopifySimulator({ appSecret: opts.secret, appUrl: h.receiver.url, appTopics: opts.appTopics, clock: opts.clock, webhookRetryDelaysMs: [10] });
    h.url = (await h.sim.listen(0)).url;
  });
  afterAll(async () => {
    await h.sim.close();
    await h.receiver.close();
  });
  const call = controlApi(() => h.url);
  beforeEach(async () => {
    if (opts.waitForDeliveries) await h.sim.webhooks.waitForIdle(); // the previous test's deliveries, before forgetting them
    await call("POST", "/_sim/reset");
    h.receiver.received.length = 0;
  });
  return { h, call };
}
