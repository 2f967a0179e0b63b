import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/db/client";
import { startQueueWorker, type QueueWorker } from "@/lib/jobs/queue-worker";
import { logError } from "@/lib/log";
import { claimDelivery, claimLeaseSeconds, rescueDeliveries, type ClaimedDelivery } from "./delivery-queue";
import { processDelivery } from "./process-delivery";

/**
 * The embedded delivery worker (no Inngest configured): claims recorded deliveries from Postgres
 * (delivery-queue.ts) and processes them with the same function Inngest runs (processDelivery).
 * Runs in the app process (started by lib/boot.ts) or on its own (`npm run worker`); several may run
 * at once. Bounded: `TALLY_WORKER_CONCURRENCY` slots (default 4) take work urgent-first, plus one
 * slot that takes only the urgent lane (refunds, cancellations, uninstalls, privacy requests), so a
 * refund is never queued behind a backlog of new orders.
 */
export type DeliveryWorkerOptions = {
  concurrency?: number;
  urgentSlots?: number;
  leaseSeconds?: number;
  pollMs?: number;
  rescueEveryMs?: number;
  startDelayMs?: number;
  /** Only these workspaces' deliveries (tests; sharding). */
  workspaceIds?: string[];
  workerId?: string;
};

export type DeliveryWorker = QueueWorker & { workerId: string; workspaceIds?: string[] };

/** Workers running in this process, found by intake to wake them (on globalThis: Next.js bundles modules more than once). */
const registry = ((globalThis as unknown as { __tallyDeliveryWorkers?: Set<DeliveryWorker> }).__tallyDeliveryWorkers ??= new Set());

export function workerConcurrency(): number {
  const n = Number(process.env.TALLY_WORKER_CONCURRENCY ?? 4);
  return Number.isInteger(n) && n > 0 ? n : 4;
}

export function startDeliveryWorker(db: Db, options: DeliveryWorkerOptions = {}): DeliveryWorker {
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const leaseSeconds = options.leaseSeconds ?? claimLeaseSeconds();
  const scope = { workerId, leaseSeconds, workspaceIds: options.workspaceIds };
  const inner = startQueueWorker<ClaimedDelivery>({
    lanes: [
      { name: "urgent", slots: options.urgentSlots ?? 1, claim: () => claimDelivery(db, { ...scope, urgentOnly: true }) },
      { name: "all", slots: options.concurrency ?? workerConcurrency(), claim: () => claimDelivery(db, scope) },
    ],
    run: async (delivery) => {
      await processDelivery(db, delivery.id, { workerId });
    },
    rescue: () => rescueDeliveries(db, { workspaceIds: options.workspaceIds }),
    rescueEveryMs: options.rescueEveryMs ?? Math.min(5_000, leaseSeconds * 500),
    pollMs: options.pollMs,
    startDelayMs: options.startDelayMs,
    onError: (error, where) => logError(`delivery worker ${where} failed`, error, { worker: workerId }),
  });
  const worker: DeliveryWorker = {
    ...inner,
    processed: inner.processed,
    workerId,
    workspaceIds: options.workspaceIds,
    async stop() {
      registry.delete(worker);
      await inner.stop();
    },
  };
  registry.add(worker);
  return worker;
}

/**
 * Tells this process's delivery workers that a delivery was recorded (urgent lane for priority 0).
 * Returns false when no worker here takes that workspace's deliveries.
 */
export function wakeDeliveryWorkers(workspaceId: string, priority: number): boolean {
  let woke = false;
  for (const w of registry) {
    if (w.workspaceIds && !w.workspaceIds.includes(workspaceId)) continue;
    w.wake(priority === 0 ? "urgent" : "all");
    woke = true;
  }
  return woke;
}
