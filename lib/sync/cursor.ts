import { z } from "zod";
import { PAGE_SIZE } from "./shopify-orders";

/**
 * Where a run resumes, stored in `sync_runs.cursor` and rewritten in the same transaction as each
 * page's effects. `seq` counts committed pages: a runner only commits a page if `seq` is still the
 * one it read the page at, so two runners of one run (a resumed run whose first runner was merely
 * slow) never move the cursor backwards or count a page twice. `failures` counts consecutive failed
 * attempts (reset by a committed page).
 */
export const ZOrdersCursor = z.object({
  seq: z.number().int().default(0),
  failures: z.number().int().default(0),
  /** Planned date windows (null until planned): orders created in [from, to), Shopify's count at planning. */
  windows: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })).nullable().default(null),
  /** Index of the window being read. */
  window: z.number().int().default(0),
  /** GraphQL cursor inside that window (null: its first page). */
  after: z.string().nullable().default(null),
  pageSize: z.number().int().default(PAGE_SIZE),
});
export type OrdersCursor = z.infer<typeof ZOrdersCursor>;

export const ZReplayCursor = z.object({
  seq: z.number().int().default(0),
  failures: z.number().int().default(0),
  /** Deliveries in the window when the replay started (progress total); null until counted. */
  total: z.number().int().nullable().default(null),
  /** Last delivery replayed, in (received_at, id) order. */
  afterReceivedAt: z.string().nullable().default(null),
  afterId: z.string().nullable().default(null),
});
export type ReplayCursor = z.infer<typeof ZReplayCursor>;

export function ordersCursor(raw: unknown): OrdersCursor {
  return ZOrdersCursor.parse(raw ?? {});
}

export function replayCursor(raw: unknown): ReplayCursor {
  return ZReplayCursor.parse(raw ?? {});
}

/** Adds a page's counts to the run's. */
export function addCounts(base: Record<string, number>, add: Record<string, number>): Record<string, number> {
  const out = { ...base };
  for (const [k, v] of Object.entries(add)) out[k] = (out[k] ?? 0) + v;
  return out;
}
