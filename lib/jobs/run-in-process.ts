import type { JobDefinition, JobStep } from "./define-job";

/**
 * The in-process runner used when no Inngest server is configured. Runs after the response
 * (Next's `after()` when inside a request), retries with backoff, and bounds concurrency twice: per
 * concurrency key (like Inngest's keyed concurrency: one workspace's burst never starves another)
 * and in total (TALLY_WORKER_CONCURRENCY, default 4), so a backlog — a burst, or catch-up after a
 * restart — never competes with page requests for an unbounded number of in-flight runs and database
 * connections. A run that failed gives its slots back while it waits for its retry, so a burst of
 * failing work never holds back the work behind it (no head-of-line stall). Work that must survive a
 * crash is also recorded in Postgres by the job's own tables (e.g. deliveries), which a sweeper
 * re-enqueues; a run already waiting here under the same id is not queued twice.
 */
type Lane = { running: number; waiting: (() => void)[] };
const lanes = new Map<string, Lane>();
const inFlight = new Set<Promise<void>>();
const queuedIds = new Set<string>();

const directStep: JobStep = { run: (_id, fn) => fn() };

export const IN_PROCESS_BACKOFF_MS = [250, 1_000, 4_000, 10_000, 30_000];

const GLOBAL_LANE = "*";

function totalConcurrency(): number {
  const n = Number(process.env.TALLY_WORKER_CONCURRENCY ?? 4);
  return Number.isInteger(n) && n > 0 ? n : 4;
}

function poolConcurrency(pool: string): number {
  const n = Number(process.env[`TALLY_POOL_${pool.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_CONCURRENCY`] ?? 16);
  return Number.isInteger(n) && n > 0 ? n : 16;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runJobNow<TData>(job: JobDefinition, data: TData): Promise<unknown> {
  return job.run(job.schema.parse(data), directStep);
}

async function acquire(key: string, limit: number): Promise<() => void> {
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { running: 0, waiting: [] }));
  if (lane.running >= limit) await new Promise<void>((resolve) => lane!.waiting.push(resolve));
  lane.running++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    lane!.running--;
    const next = lane!.waiting.shift();
    if (next) next();
    else if (lane!.running === 0) lanes.delete(key);
  };
}

/** A slot in the job's key lane, then one of the process-wide slots (always in that order: no deadlock). */
async function acquireSlots(job: JobDefinition, key: string | undefined): Promise<() => void> {
  const releaseKey = key ? await acquire(key, job.concurrencyLimit ?? 1) : () => {};
  const releaseGlobal = job.pool ? await acquire(`pool:${job.pool}`, poolConcurrency(job.pool)) : await acquire(GLOBAL_LANE, totalConcurrency());
  return () => {
    releaseGlobal();
    releaseKey();
  };
}

export function scheduleInProcess(job: JobDefinition, data: unknown): Promise<void> {
  const key = job.concurrencyKey ? `${job.id}:${job.concurrencyKey(data)}` : undefined;
  const queueId = job.dedupeKey ? `${job.id}:${job.dedupeKey(data)}` : undefined;
  if (queueId) {
    if (queuedIds.has(queueId)) return Promise.resolve();
    queuedIds.add(queueId);
  }
  const run = (async () => {
    const attempts = (job.retries ?? 3) + 1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const release = await acquireSlots(job, key);
      if (attempt === 1 && queueId) queuedIds.delete(queueId);
      try {
        await runJobNow(job, data);
        return;
      } catch (error) {
        const last = attempt === attempts;
        console.error(
          `[tally] job ${job.id} failed (attempt ${attempt}/${attempts})${last ? "; giving up" : "; retrying"}:`,
          error instanceof Error ? error.message : error,
        );
        if (last) return;
      } finally {
        release();
      }
      // Waits for its retry without holding a slot: the work queued behind it goes on.
      await sleep(IN_PROCESS_BACKOFF_MS[Math.min(attempt - 1, IN_PROCESS_BACKOFF_MS.length - 1)]!);
    }
  })();
  inFlight.add(run);
  void run.finally(() => inFlight.delete(run));
  return run;
}

/** Waits until every in-process job scheduled so far (and those they schedule) has finished. */
export async function drainInProcessJobs(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
