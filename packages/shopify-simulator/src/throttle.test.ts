import { readFileSync } from "node:fs";
import path from "node:path";
import { FIXTURES_DIR } from "./fixtures";
import { describe, expect, it } from "vitest";
import { FakeClock } from "./clock";
import { FIXTURE_SHOP, setupFixtureShop } from "./scenarios";
import { Simulator } from "./simulator";
import { LeakyBucket, PLAN_LIMITS } from "./throttle";

const FIXTURES = path.join(FIXTURES_DIR, "graphql");
const BACKFILL = readFileSync(path.join(FIXTURES, "queries/ordersBackfill.graphql"), "utf8");
const THROTTLED = JSON.parse(readFileSync(path.join(FIXTURES, "throttled-error.json"), "utf8")) as { response: Record<string, unknown> };

interface Cost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}
type Body = { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[]; extensions?: { cost: Cost } };

describe("leaky bucket", () => {
  it("has Shopify's per-plan sizes and restore rates", () => {
    expect(PLAN_LIMITS).toEqual({
      standard: { maximumAvailable: 2000, restoreRate: 100 },
      advanced: { maximumAvailable: 4000, restoreRate: 200 },
      plus: { maximumAvailable: 20000, restoreRate: 1000 },
      enterprise: { maximumAvailable: 40000, restoreRate: 2000 },
    });
  });

  it("takes, refuses without taking, restores continuously and caps at the maximum", () => {
    const clock = new FakeClock();
    const b = new LeakyBucket(clock, PLAN_LIMITS.standard);
    expect(b.tryTake(1500)).toBe(true);
    expect(b.tryTake(600)).toBe(false);
    expect(b.status().currentlyAvailable).toBe(500);
    clock.advance(1000);
    expect(b.status().currentlyAvailable).toBe(600);
    expect(b.tryTake(600)).toBe(true);
    clock.advance(3_600_000);
    expect(b.status().currentlyAvailable).toBe(2000);
  });
});

describe("GraphQL throttling with a fake clock", () => {
  it("drains the bucket with real queries → THROTTLED (fixture shape) → restores over time", async () => {
    const clock = new FakeClock("2026-09-10T12:00:00Z");
    const sim = new Simulator({ clock });
    const token = setupFixtureShop(sim).token.token;
    for (let i = 0; i < 25; i++) {
      sim.store.placeOrder(FIXTURE_SHOP, { lineItems: [{ title: "Tee", price: 2500, quantity: 1 }], discountCodes: ["JANE15"], email: `b${i}@example.com` });
    }
    const vars = { first: 25, after: null, query: "updated_at:>='2026-09-01T00:00:00Z'" };
    const run = async (): Promise<Body> => (await sim.graphql(token, { query: BACKFILL, variables: vars })).body as Body;

    const first = await run();
    expect(first.errors).toBeUndefined();
    const cost = first.extensions?.cost as Cost;
    expect(cost.requestedQueryCost).toBeGreaterThan(cost.actualQueryCost ?? 0);
    expect(cost.throttleStatus.currentlyAvailable).toBe(2000 - (cost.actualQueryCost ?? 0));

    let throttled: Body | null = null;
    for (let i = 0; i < 100 && !throttled; i++) {
      const body = await run();
      if (body.errors) throttled = body;
    }
    expect(throttled).not.toBeNull();
    const t = throttled as Body;
    // Same shape as the fixture: errors[{message: "Throttled", extensions.code THROTTLED}], cost with actualQueryCost null.
    expect(Object.keys(t).sort()).toEqual(Object.keys(THROTTLED.response).sort());
    expect(t.errors).toEqual([{ message: "Throttled", extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" } }]);
    const tc = t.extensions?.cost as Cost;
    expect(tc.actualQueryCost).toBeNull();
    expect(tc.requestedQueryCost).toBe(cost.requestedQueryCost);
    expect(tc.throttleStatus.currentlyAvailable).toBeLessThan(tc.requestedQueryCost);

    // A throttled request takes nothing: still throttled, same level, while the clock stands still.
    const again = await run();
    expect(again.extensions?.cost.throttleStatus.currentlyAvailable).toBe(tc.throttleStatus.currentlyAvailable);
    expect(again.errors?.[0]?.extensions?.code).toBe("THROTTLED");

    // Wait exactly as long as a well-behaved client would: (requested − available) / restoreRate.
    const waitMs = Math.ceil(((tc.requestedQueryCost - tc.throttleStatus.currentlyAvailable) / tc.throttleStatus.restoreRate) * 1000);
    clock.advance(waitMs - 50);
    expect((await run()).errors?.[0]?.extensions?.code).toBe("THROTTLED");
    clock.advance(50);
    const ok = await run();
    expect(ok.errors).toBeUndefined();
    expect(ok.data).toBeDefined();

    // Other shops have their own bucket.
    const other = sim.createShop({ domain: "other-store.myshopify.com" }).token.token;
    const res = (await sim.graphql(other, { query: "{ shop { name } }" })).body as Body;
    expect(res.extensions?.cost.throttleStatus.currentlyAvailable).toBe(1999);
  });

  it("uses the plan's bucket (Plus: 20000 / 1000 per second)", async () => {
    const sim = new Simulator({ clock: new FakeClock() });
    const { token } = sim.createShop({ domain: "big-brand.myshopify.com", plan: "plus" });
    const body = (await sim.graphql(token.token, { query: "{ shop { name } }" })).body as Body;
    expect(body.extensions?.cost.throttleStatus).toEqual({ maximumAvailable: 20000, currentlyAvailable: 19999, restoreRate: 1000 });
  });
});
