/**
 * When a failed delivery is tried again: after 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h
 * (Standard Webhooks' and Svix's schedule), for at most 3 days from the first attempt. An endpoint
 * whose attempts have all failed for 3 days is disabled.
 */
export const RETRY_DELAYS_SECONDS = [5, 300, 1800, 7200, 18000, 36000];
export const GIVE_UP_AFTER_MS = 3 * 24 * 3600_000;

export function nextAttemptAt(attempts: number, now: Date): Date {
  const delay = RETRY_DELAYS_SECONDS[Math.min(attempts - 1, RETRY_DELAYS_SECONDS.length - 1)]!;
  return new Date(now.getTime() + delay * 1000);
}
