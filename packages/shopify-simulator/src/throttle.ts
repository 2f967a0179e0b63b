/**
 * Shopify's GraphQL Admin API leaky bucket (per app + store).
 *
 * Restore rates per plan are Shopify's published figures (100/200/1000/2000 points per second);
 * the bucket holds 20 seconds of restore (2000 for Standard — matching every live capture in the
 * fixtures — and 4000 for Advanced, as measured on a live Advanced store).
 *
 * A request first needs `requestedQueryCost` points in the bucket (otherwise THROTTLED and nothing
 * is taken); after execution the difference between requested and actual cost is refunded, so the
 * bucket ends up `actualQueryCost` lower.
 */
import type { Clock } from "./clock";
import type { ShopPlan } from "./types";

export const PLAN_LIMITS: Readonly<Record<ShopPlan, { maximumAvailable: number; restoreRate: number }>> = {
  standard: { maximumAvailable: 2000, restoreRate: 100 },
  advanced: { maximumAvailable: 4000, restoreRate: 200 },
  plus: { maximumAvailable: 20000, restoreRate: 1000 },
  enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
};

/** Shopify rejects any single query whose requested cost is above this, whatever the bucket holds. */
export const SINGLE_QUERY_MAX_COST = 1000;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private updatedAt: number;

  constructor(
    private readonly clock: Clock,
    private limits: { maximumAvailable: number; restoreRate: number },
  ) {
    this.available = limits.maximumAvailable;
    this.updatedAt = clock.now();
  }

  /** Changes the plan (keeps the current fill level, capped to the new maximum). */
  setLimits(limits: { maximumAvailable: number; restoreRate: number }): void {
    this.restore();
    this.limits = limits;
    this.available = Math.min(this.available, limits.maximumAvailable);
  }

  private restore(): void {
    const now = this.clock.now();
    const elapsedSec = Math.max(0, now - this.updatedAt) / 1000;
    this.available = Math.min(this.limits.maximumAvailable, this.available + elapsedSec * this.limits.restoreRate);
    this.updatedAt = now;
  }

  /** Takes `cost` points if available. Returns false (and takes nothing) when throttled. */
  tryTake(cost: number): boolean {
    this.restore();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Gives back points (requested − actual after execution). */
  refund(points: number): void {
    this.restore();
    this.available = Math.min(this.limits.maximumAvailable, this.available + Math.max(0, points));
  }

  /** Test/e2e helper: force the fill level. */
  setAvailable(points: number): void {
    this.restore();
    this.available = Math.max(0, Math.min(this.limits.maximumAvailable, points));
  }

  status(): ThrottleStatus {
    this.restore();
    return {
      maximumAvailable: this.limits.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.limits.restoreRate,
    };
  }
}
