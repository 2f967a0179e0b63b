import type { JobDefinition, JobStep } from "./define-job";

/**
 * The in-process runner used when no Inngest server is configured. Runs after the response
 * (Next's `after()` when inside a request), retries with backoff, and serializes runs that share a
 * concurrency key within this process. Work that must survive a crash is also recorded in Postgres
 * by the job's own tables (e.g. deliveries), which a sweeper re-enqueues on start.
 */
const chains = new Map<string, Promise<void>>();
const inFlight = new Set<Promise<void>>();

const directStep: JobStep = { run: (_id, fn) => fn() };

export const IN_PROCESS_BACKOFF_MS = [250, 1_000, 4_000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runJobNow<TData>(job: JobDefinition, data: TData): Promise<unknown> {
  return job.run(job.schema.parse(data), directStep);
}

async function runWithRetries(job: JobDefinition, data: unknown): Promise<void> {
  const attempts = (job.retries ?? IN_PROCESS_BACKOFF_MS.length) + 1;
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

export function scheduleInProcess(job: JobDefinition, data: unknown): Promise<void> {
  const key = job.concurrencyKey ? `${job.id}:${job.concurrencyKey(data)}` : undefined;
  const previous = (key && chains.get(key)) || Promise.resolve();
  const run = previous.then(() => runWithRetries(job, data));
  if (key) {
    chains.set(key, run);
    void run.finally(() => {
      if (chains.get(key) === run) chains.delete(key);
    });
  }
  inFlight.add(run);
  void run.finally(() => inFlight.delete(run));
  return run;
}

/** Waits until every in-process job scheduled so far (and those they schedule) has finished. */
export async function drainInProcessJobs(): Promise<void> {
  while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
}
