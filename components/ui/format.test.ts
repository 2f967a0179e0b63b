import { describe, expect, it } from "vitest";
import { formatMoney, formatPercent, ratioToBps } from "./format";

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
