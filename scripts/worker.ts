/**
 * `npm run worker`: the delivery worker on its own (lib/webhooks/delivery-worker.ts), for running
 * webhook processing beside the app — start the app with TALLY_DELIVERY_WORKER=external so that it
 * only records deliveries. Several workers (and apps) share the queue through Postgres
 * (`FOR UPDATE SKIP LOCKED`). Stops on SIGINT/SIGTERM after the jobs in hand; a worker that is
 * killed instead leaves its claims to expire (TALLY_CLAIM_LEASE_SECONDS), and they run again.
 */
import { closeDb, getDb } from "@/db/client";
import { logInfo } from "@/lib/log";
import { startDeliveryWorker, workerConcurrency } from "@/lib/webhooks/delivery-worker";

const db = await getDb();
const worker = startDeliveryWorker(db);
logInfo("delivery worker started", { worker: worker.workerId, slots: workerConcurrency() });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  logInfo("delivery worker stopped", { worker: worker.workerId, processed: worker.processed.all! + worker.processed.urgent! });
  await closeDb();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
