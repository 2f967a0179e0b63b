import type { z } from "zod";

/**
 * A unit of background work, written once and run two ways: as an Inngest function (durable steps,
 * retries, per-workspace concurrency) or in-process when no Inngest server is configured.
 * `step.run(id, fn)` is Inngest's memoized step; in-process it simply runs `fn`. Every job must be
 * idempotent, because both Inngest and the in-process runner retry.
 */
export type JobStep = {
  run<T>(id: string, fn: () => Promise<T>): Promise<T>;
};

export type JobDefinition<TSchema extends z.ZodTypeAny = z.ZodTypeAny> = {
  /** Event name, e.g. `tally/email.send`. */
  event: string;
  /** Function id in Inngest. */
  id: string;
  schema: TSchema;
  /** Serialize runs that share this key (Inngest `concurrency.key`), e.g. the workspace id. */
  concurrencyKey?(data: z.infer<TSchema>): string;
  /** How many runs may share one concurrency key at once (default 1: strictly one after another). */
  concurrencyLimit?: number;
  /**
   * In-process only: the job's own pool of slots instead of the shared one (TALLY_WORKER_CONCURRENCY),
   * for work that waits on others (outbound webhooks) and must never hold up order processing.
   * Its size: TALLY_POOL_<NAME>_CONCURRENCY (e.g. TALLY_POOL_WEBHOOK_ENDPOINTS_CONCURRENCY), default 16.
   */
  pool?: string;
  retries?: number;
  /**
   * Runs that must not wait behind a backlog of other runs of the same function (Inngest
   * `priority.run`: up to 10 minutes ahead). The embedded delivery worker has its own urgent lane.
   */
  urgent?(data: z.infer<TSchema>): boolean;
  /**
   * In-process only: runs with the same key are not queued twice while one is still waiting to start
   * (a sweeper re-enqueueing work that is already queued). Inngest dedupes by the event id instead.
   */
  dedupeKey?(data: z.infer<TSchema>): string;
  run(data: z.infer<TSchema>, step: JobStep): Promise<unknown>;
};

export function defineJob<TSchema extends z.ZodTypeAny>(job: JobDefinition<TSchema>): JobDefinition<TSchema> {
  return job;
}
