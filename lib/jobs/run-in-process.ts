import type { JobDefinition, JobStep } from "./define-job";

/**
 * The in-process runner used when no Inngest server is configured. Runs after the response
 * (Next's `after()` when inside a request), retries with backoff, and limits how many runs share a
 * concurrency key at once within this process (like Inngest's keyed concurrency). Work that must
 * survive a crash is also recorded in Postgres by the job's own tables (e.g. deliveries), which a
 * sweeper re-enqueues.
 */
type Lane = { running: number; waiting: (() => void)[] };
const lanes = new Map<string, Lane>();
const inFlight = new Set<Promise<void>>();

const directStep: JobStep = { run: (_id, fn) => fn() };

export const IN_PROCESS_BACKOFF_MS = [250, 1_000, 4_000, 10_000, 30_000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runJobNow<TData>(job: JobDefinition, data: TData): Promise<unknown> {
  return job.run(job.schema.parse(data), directStep);
}

async function runWithRetries(job: JobDefinition, data: unknown): Promise<void> {
  const attempts = (job.retries ?? 3) + 1;
  for (let attempt = 1; attempt <= attempts; attempt++) {
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
      await sleep(IN_PROCESS_BACKOFF_MS[Math.min(attempt - 1, IN_PROCESS_BACKOFF_MS.length - 1)]!);
    }
  }
}

async function acquire(key: string, limit: number): Promise<() => void> {
  let lane = lanes.get(key);
  if (!lane) lanes.set(key, (lane = { running: 0, waiting: [] }));
  if (lane.running >= limit) await new Promise<void>((resolve) => lane!.waiting.push(resolve));
  lane.running++;
  return () => {
    lane!.running--;
    const next = lane!.waiting.shift();
    if (next) next();
    else if (lane!.running === 0) lanes.delete(key);
  };
}

export function scheduleInProcess(job: JobDefinition, data: unknown): Promise<void> {
  const key = job.concurrencyKey ? `${job.id}:${job.concurrencyKey(data)}` : undefined;
  const run = (async () => {
    const release = key ? await acquire(key, job.concurrencyLimit ?? 1) : () => {};
    try {
      await runWithRetries(job, data);
    } finally {
      release();
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
