import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonthsClamped, billingCycleAt } from "./billing-cycle";

const d = (iso: string) => new Date(iso);

describe("billingCycleAt", () => {
  it.each<[string, string, string, string, string]>([
    ["mid-cycle", "2026-01-15T10:00:00Z", "2026-03-20T00:00:00Z", "2026-03-15T10:00:00Z", "2026-04-15T10:00:00Z"],
    ["exactly at the rollover instant: the new cycle", "2026-01-15T10:00:00Z", "2026-03-15T10:00:00Z", "2026-03-15T10:00:00Z", "2026-04-15T10:00:00Z"],
    ["one millisecond before the rollover: the old cycle", "2026-01-15T10:00:00Z", "2026-03-15T09:59:59.999Z", "2026-02-15T10:00:00Z", "2026-03-15T10:00:00Z"],
    ["anchor on the 31st: February clamps to the 28th", "2026-01-31T12:00:00Z", "2026-02-28T13:00:00Z", "2026-02-28T12:00:00Z", "2026-03-31T12:00:00Z"],
    ["anchor on the 31st: the day comes back after a short month", "2026-01-31T12:00:00Z", "2026-03-30T00:00:00Z", "2026-02-28T12:00:00Z", "2026-03-31T12:00:00Z"],
    ["anchor on the 31st: April clamps to the 30th", "2026-01-31T12:00:00Z", "2026-04-30T12:00:00Z", "2026-04-30T12:00:00Z", "2026-05-31T12:00:00Z"],
    ["leap year: anchor on the 30th → February 29th", "2027-12-30T00:00:00Z", "2028-02-29T00:00:00Z", "2028-02-29T00:00:00Z", "2028-03-30T00:00:00Z"],
    ["anchor on February 29th keeps the 29th where it exists", "2028-02-29T08:00:00Z", "2028-03-29T09:00:00Z", "2028-03-29T08:00:00Z", "2028-04-29T08:00:00Z"],
    ["across a year end", "2025-11-30T00:00:00Z", "2026-01-05T00:00:00Z", "2025-12-30T00:00:00Z", "2026-01-30T00:00:00Z"],
    ["now before the anchor (anchor moved into the future)", "2026-06-10T00:00:00Z", "2026-05-01T00:00:00Z", "2026-04-10T00:00:00Z", "2026-05-10T00:00:00Z"],
    ["the anchor instant itself starts cycle 0", "2026-06-10T00:00:00Z", "2026-06-10T00:00:00Z", "2026-06-10T00:00:00Z", "2026-07-10T00:00:00Z"],
  ])("%s", (_name, anchor, now, start, end) => {
    expect(billingCycleAt(d(anchor), d(now))).toEqual({ start: d(start), end: d(end) });
  });

  it("always contains now, lasts 28–31 days, and the next cycle starts where it ends", () => {
    const instant = fc.date({ min: d("2000-01-01T00:00:00Z"), max: d("2100-01-01T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(instant, instant, (anchor, now) => {
        const cycle = billingCycleAt(anchor, now);
        expect(cycle.start.getTime()).toBeLessThanOrEqual(now.getTime());
        expect(cycle.end.getTime()).toBeGreaterThan(now.getTime());
        const days = (cycle.end.getTime() - cycle.start.getTime()) / 86_400_000;
        expect(days).toBeGreaterThanOrEqual(28);
        expect(days).toBeLessThanOrEqual(31);
        expect(billingCycleAt(anchor, cycle.end).start).toEqual(cycle.end);
        expect(cycle.start.getUTCDate()).toBe(Math.min(anchor.getUTCDate(), new Date(Date.UTC(cycle.start.getUTCFullYear(), cycle.start.getUTCMonth() + 1, 0)).getUTCDate()));
      }),
      { numRuns: 500 },
    );
  });

  it("addMonthsClamped goes backwards too", () => {
    expect(addMonthsClamped(d("2026-03-31T00:00:00Z"), -1)).toEqual(d("2026-02-28T00:00:00Z"));
    expect(addMonthsClamped(d("2026-01-15T00:00:00Z"), -13)).toEqual(d("2024-12-15T00:00:00Z"));
  });
});
