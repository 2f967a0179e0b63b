import { describe, expect, it } from "vitest";
import { utcToZonedInput, zonedTimeToUtc, ZonedTimeError } from "./zoned-time";

describe("zonedTimeToUtc", () => {
  it("converts ordinary wall-clock times, winter and summer", () => {
    expect(zonedTimeToUtc("2026-12-01T09:00", "Europe/Paris").toISOString()).toBe("2026-12-01T08:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-01T09:00", "Europe/Paris").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(zonedTimeToUtc("2026-07-01T09:00:30", "America/New_York").toISOString()).toBe("2026-07-01T13:00:30.000Z");
    expect(zonedTimeToUtc("2026-03-01T00:00", "UTC").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(zonedTimeToUtc("2026-03-29T12:00", "Asia/Kolkata").toISOString()).toBe("2026-03-29T06:30:00.000Z");
  });

  it("just around a change: the last minute before and the first after", () => {
    // Europe/Paris springs forward on 2026-03-29 at 02:00 → 03:00.
    expect(zonedTimeToUtc("2026-03-29T01:59", "Europe/Paris").toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(zonedTimeToUtc("2026-03-29T03:00", "Europe/Paris").toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("refuses a time the clocks skip, saying so", () => {
    const refused = () => zonedTimeToUtc("2026-03-29T02:30", "Europe/Paris");
    expect(refused).toThrow(ZonedTimeError);
    expect(refused).toThrow("2026-03-29 02:30 does not exist in Europe/Paris");
    expect(() => zonedTimeToUtc("2026-03-08T02:15", "America/New_York")).toThrow(/does not exist/);
  });

  it("refuses a time that happens twice, saying so", () => {
    // America/New_York falls back on 2026-11-01 at 02:00 → 01:00: 01:30 happens twice.
    expect(() => zonedTimeToUtc("2026-11-01T01:30", "America/New_York")).toThrow("2026-11-01 01:30 happens twice in America/New_York");
    expect(() => zonedTimeToUtc("2026-10-25T02:30", "Europe/Paris")).toThrow(/happens twice/);
  });

  it("refuses what is not a date and time", () => {
    expect(() => zonedTimeToUtc("2026-02-30T10:00", "UTC")).toThrow("Use a valid date and time.");
    expect(() => zonedTimeToUtc("2026-02-01T24:00", "UTC")).toThrow("Use a valid date and time.");
    expect(() => zonedTimeToUtc("tomorrow", "UTC")).toThrow("Use a valid date and time.");
    expect(() => zonedTimeToUtc("2026-02-01T10:00", "Mars/Olympus")).toThrow("Unknown time zone.");
  });
});

describe("utcToZonedInput", () => {
  it("shows an instant as the zone's wall clock, and round-trips", () => {
    expect(utcToZonedInput(new Date("2026-12-01T08:00:00Z"), "Europe/Paris")).toBe("2026-12-01T09:00");
    expect(utcToZonedInput(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01T01:30");
    expect(zonedTimeToUtc(utcToZonedInput(new Date("2026-07-01T07:00:00Z"), "Europe/Paris"), "Europe/Paris").toISOString()).toBe("2026-07-01T07:00:00.000Z");
  });
});

describe("the campaign form", () => {
  it("says why a skipped time is refused, on the field", async () => {
    const { ZCampaignForm } = await import("./schemas");
    const parsed = ZCampaignForm.safeParse({
      name: "Spring",
      starts_at: "2026-03-29T02:30",
      timezone: "Europe/Paris",
      discount_type: "percentage",
      discount_value: "10",
      commission_percent: "15",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toContainEqual(expect.objectContaining({ path: ["starts_at"], message: expect.stringContaining("does not exist in Europe/Paris") }));
  });
});
