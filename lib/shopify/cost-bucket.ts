import { z } from "zod";

/** Shopify's `extensions.cost` of a GraphQL answer: what was asked, what was used, what is left. */
const ZThrottleStatus = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number().positive(),
});

export const ZCost = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullable().optional(),
  throttleStatus: ZThrottleStatus,
});

export type Cost = z.infer<typeof ZCost>;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Per-instance estimate of each shop's leaky bucket, from the last `throttleStatus` Shopify sent.
 * Shopify's bucket is the source of truth (several instances share it): the estimate only avoids
 * sending requests we already know will be THROTTLED, and a THROTTLED answer corrects it.
 */
type BucketEstimate = {
  available: number;
  maximum: number;
  restoreRate: number;
  at: number;
  /** Points booked by callers still waiting to send: Shopify's next figures do not know about them yet. */
  queued: number;
};
const buckets = new Map<string, BucketEstimate>();
/** Per document, the last requested cost: what the next call of the same document will likely ask for. */
const documentCosts = new Map<string, number>();

function refill(b: BucketEstimate, now: number): void {
  b.available = Math.min(b.maximum, b.available + ((now - b.at) / 1000) * b.restoreRate);
  b.at = now;
}

/**
 * Waits until the estimated bucket holds the document's requested cost, then books it, like Shopify
 * takes the requested cost up front and refunds the unused part after execution. Bookings make
 * concurrent callers on this instance queue behind each other instead of all being THROTTLED.
 */
export async function waitForBudget(shop: string, document: string, onWait?: (waitMs: number) => void): Promise<void> {
  const b = buckets.get(shop);
  const cost = documentCosts.get(document);
  if (!b || cost === undefined || cost <= 0) return;
  refill(b, Date.now());
  const deficit = cost - b.available;
  b.available -= cost;
  if (deficit <= 0) return;
  const waitMs = Math.ceil((deficit / b.restoreRate) * 1000);
  onWait?.(waitMs);
  b.queued += cost;
  try {
    await sleep(waitMs);
  } finally {
    b.queued -= cost;
  }
}

/** Takes Shopify's figures (refunds of unused points included), keeping what queued callers booked. */
export function recordCost(shop: string, document: string, cost: Cost): void {
  const s = cost.throttleStatus;
  const b = buckets.get(shop);
  const queued = b?.queued ?? 0;
  const next = { available: s.currentlyAvailable - queued, maximum: s.maximumAvailable, restoreRate: s.restoreRate, at: Date.now(), queued };
  if (b) Object.assign(b, next);
  else buckets.set(shop, next);
  documentCosts.set(document, cost.requestedQueryCost);
}
