import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * How a delivery that failed for a transient reason (the database away, a deadlock) is retried: with
 * exponential backoff, a bounded number of times; then it is parked (`failed`, no retry_at) with its
 * error until someone presses Retry. A permanent failure (delivery-errors.ts) is parked at once.
 */
export const DELIVERY_RETRY = {
  maxAttempts: 8,
  firstDelaySeconds: 15,
  maxDelaySeconds: 30 * 60,
};

/** Seconds to wait after the `attempts`-th failed attempt: 15 s, 30 s, 1 min, 2 min … capped at 30 min. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(DELIVERY_RETRY.firstDelaySeconds * 2 ** Math.max(0, attempts - 1), DELIVERY_RETRY.maxDelaySeconds);
}

/**
 * The SQL for `retry_at` in the same UPDATE that records a failure (`attempts` is the column before
 * it is incremented): null (parked) when permanent or out of attempts, else now + retryDelaySeconds.
 */
export function retryAtAfterFailure(attempts: AnyColumn, permanent: boolean): SQL | null {
  if (permanent) return null;
  const { maxAttempts, firstDelaySeconds, maxDelaySeconds } = DELIVERY_RETRY;
  return sql`CASE WHEN ${attempts} + 1 >= ${maxAttempts} THEN NULL
    ELSE now() + make_interval(secs => least(${firstDelaySeconds} * power(2, ${attempts}), ${maxDelaySeconds})) END`;
}
