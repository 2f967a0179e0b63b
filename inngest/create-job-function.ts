import type { JobDefinition } from "@/lib/jobs/define-job";
import { inngest } from "./client";

/** Turns a `lib/jobs` job into an Inngest function: same code, durable steps, keyed concurrency. */
export function createJobFunction(job: JobDefinition) {
  return inngest.createFunction(
    {
      id: job.id,
      triggers: [{ event: job.event }],
      retries: (job.retries ?? 3) as 3,
      ...(job.concurrencyKey ? { concurrency: { key: "event.data.concurrencyKey", limit: job.concurrencyLimit ?? 1 } } : {}),
      // Urgent runs (refunds, cancellations) start ahead of anything queued in the last 10 minutes.
      ...(job.urgent ? { priority: { run: "event.data.urgent == true ? 600 : 0" } } : {}),
    },
    async ({ event, step }) => {
      const data = job.schema.parse(event.data);
      return job.run(data, {
        run: async <T,>(id: string, fn: () => Promise<T>) => (await step.run(id, fn)) as T,
      });
    },
  );
}
