import { describe, expect, it } from "vitest";
import { formatDateIn, formatDateTimeIn, formatMoney, formatPercent, ratioToBps, zoneAbbreviation } from "./format";

describe("formatMoney", () => {
  it("uses the currency's own decimals", () => {
    expect(formatMoney(1350, "USD")).toBe("$13.50");
    expect(formatMoney(1000, "JPY")).toBe("¥1,000");
    expect(formatMoney(-2025, "EUR")).toBe("-€20.25");
  });
  it("compact notation for axes", () => {
    expect(formatMoney(123_456, "USD", { compact: true })).toBe("$1.2K");
  });
});

describe("formatPercent", () => {
  it("basis points, up to two decimals", () => {
    expect(formatPercent(1500)).toBe("15%");
    expect(formatPercent(1250)).toBe("12.5%");
    expect(formatPercent(3333)).toBe("33.33%");
    expect(formatPercent(0)).toBe("0%");
  });
  it("no rate → a dash", () => {
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(ratioToBps(null))).toBe("—");
  });
  it("ratios through ratioToBps", () => {
    expect(formatPercent(ratioToBps(0.125))).toBe("12.5%");
  });
});

describe("formatDateTimeIn", () => {
  it("shows the instant in the zone, labelled with the zone's name then", () => {
    expect(formatDateTimeIn("2026-06-03T21:59:00Z", "Europe/Madrid")).toBe("Jun 3, 2026, 11:59 PM CEST");
    expect(formatDateTimeIn("2026-12-03T21:59:00Z", "Europe/Madrid")).toBe("Dec 3, 2026, 10:59 PM CET");
    expect(formatDateTimeIn("2026-06-03T21:59:00Z", "America/Los_Angeles")).toBe("Jun 3, 2026, 2:59 PM PDT");
    expect(formatDateTimeIn("2026-06-03T21:59:00Z", "UTC")).toBe("Jun 3, 2026, 9:59 PM UTC");
  });
  it("an offset where the zone has no common abbreviation", () => {
    expect(formatDateTimeIn("2026-06-03T21:59:00Z", "Asia/Tokyo")).toBe("Jun 4, 2026, 6:59 AM GMT+9");
    expect(zoneAbbreviation("2026-06-03T21:59:00Z", "Asia/Kolkata")).toBe("GMT+5:30");
  });
  it("the day in the zone; nothing → a dash", () => {
    expect(formatDateIn("2026-06-03T23:30:00Z", "Europe/Madrid")).toBe("Jun 4, 2026");
    expect(formatDateTimeIn(null, "UTC")).toBe("—");
  });
});
