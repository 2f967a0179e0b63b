import { inngest } from "@/inngest/client";
import { inngestConfigured } from "@/lib/env";
import type { JobDefinition } from "./define-job";
import { scheduleInProcess } from "./run-in-process";

export type EnqueueOptions = {
  /** Idempotency key: Inngest drops a second event with the same id within 24 h. */
  id?: string;
};

/**
 * The one way to start background work. With an Inngest server configured the job becomes an
 * event; without one it runs in this process after the current response.
 */
export async function enqueue<TJob extends JobDefinition>(
  job: TJob,
  data: Parameters<TJob["run"]>[0],
  options: EnqueueOptions = {},
): Promise<void> {
  const parsed = job.schema.parse(data);
  if (inngestConfigured()) {
    const concurrencyKey = job.concurrencyKey?.(parsed);
    await inngest.send({
      name: job.event,
      data: { ...parsed, ...(concurrencyKey ? { concurrencyKey } : {}), ...(job.urgent ? { urgent: job.urgent(parsed) } : {}) },
      ...(options.id ? { id: options.id } : {}),
    });
    return;
  }
  const start = () => void scheduleInProcess(job, parsed);
  try {
    const { after } = await import("next/server");
    after(start);
  } catch {
    // Not inside a Next.js request (CLI, tests, timers): start now; the runner tracks it.
    start();
  }
}
