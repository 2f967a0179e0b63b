import { describe, expect, it } from "vitest";
import { toDecimalString, toMinorUnits } from "./money";

describe("money", () => {
  it.each([
    ["90.00", "USD", 9000],
    ["13.5", "USD", 1350],
    ["0.01", "EUR", 1],
    ["-3.10", "USD", -310],
    ["1000", "JPY", 1000],
    ["1000.00", "JPY", 1000],
    ["12.345", "KWD", 12345],
    ["499.00", "HKD", 49900],
  ])("%s %s → %i minor units", (amount, currency, expected) => {
    expect(toMinorUnits(amount, currency)).toBe(expected);
    expect(toMinorUnits(toDecimalString(expected, currency), currency)).toBe(expected);
  });

  it.each([["abc"], ["1,00"], ["1e3"], [""], ["0.001"]])("rejects %j", (amount) => {
    expect(() => toMinorUnits(amount, "USD")).toThrow();
  });

  it("formats for Shopify inputs", () => {
    expect(toDecimalString(1350, "USD")).toBe("13.50");
    expect(toDecimalString(5, "USD")).toBe("0.05");
    expect(toDecimalString(-310, "EUR")).toBe("-3.10");
    expect(toDecimalString(1000, "JPY")).toBe("1000");
  });
});
