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
    },
    async ({ event, step }) => {
      const data = job.schema.parse(event.data);
      return job.run(data, {
        run: async <T,>(id: string, fn: () => Promise<T>) => (await step.run(id, fn)) as T,
      });
    },
  );
}
