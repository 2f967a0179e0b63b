import { describe, expect, it } from "vitest";
import { z } from "zod";
import { normalizeCode, sameCode } from "./normalize-code";
import { isValidCode, validateCode } from "./validate-code";
import { ZCode } from "./schemas";

describe("normalizeCode", () => {
  it.each([
    [" jane-ab12 ", "JANE-AB12"],
    ["JANE-AB12", "JANE-AB12"],
    ["\tsummer15\n", "SUMMER15"],
    ["MiXeD-case", "MIXED-CASE"],
    // Only ASCII is uppercased: these stay invalid instead of turning into "SS" / "I".
    ["straße", "STRAßE"],
    ["ı", "ı"],
  ])("%j → %j", (input, expected) => {
    expect(normalizeCode(input)).toBe(expected);
  });

  it.each([
    ["jane-ab12", " JANE-AB12 ", true],
    ["Summer15", "SUMMER15", true],
    ["JANE-AB12", "JANE-AB13", false],
    ["JANEAB12", "JANE-AB12", false],
  ])("sameCode(%j, %j) is %s", (a, b, expected) => {
    expect(sameCode(a, b)).toBe(expected);
  });
});

describe("isValidCode (normalized form)", () => {
  it.each([
    ["JANE-AB12", true],
    ["12345", true],
    ["A", true],
    ["A".repeat(50), true],
    ["A".repeat(51), false],
    ["", false],
    ["-", false],
    ["---", false],
    ["jane-ab12", false],
    [" JANE ", false],
    ["JANE_AB12", false],
    ["ZOË", false],
  ])("%j → %s", (code, expected) => {
    expect(isValidCode(code)).toBe(expected);
  });
});

describe("validateCode", () => {
  it.each([
    [" jane-ab12 ", "JANE-AB12"],
    ["summer-15", "SUMMER-15"],
    ["a".repeat(50), "A".repeat(50)],
  ])("accepts %j as %j", (input, expected) => {
    expect(validateCode(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ["", ["Enter a code."]],
    ["   ", ["Enter a code."]],
    ["a".repeat(51), ["A code can be at most 50 characters; this one has 51."]],
    ["--", ["A code needs at least one letter or digit."]],
    [
      "jane ab!",
      ['Remove the characters that are not allowed: space, "!". A code can only hold letters A–Z, digits 0–9 and "-".'],
    ],
    [
      "zoë_ß_ü",
      ['Remove the characters that are not allowed: "ë", "_", "ß", "ü". A code can only hold letters A–Z, digits 0–9 and "-".'],
    ],
    [
      "jane\u200b🦄🦄",
      ['Remove the characters that are not allowed: U+200B, "🦄". A code can only hold letters A–Z, digits 0–9 and "-".'],
    ],
    [
      "é".repeat(51),
      [
        "A code can be at most 50 characters; this one has 51.",
        'Remove the characters that are not allowed: "é". A code can only hold letters A–Z, digits 0–9 and "-".',
      ],
    ],
  ])("refuses %j", (input, errors) => {
    expect(validateCode(input)).toEqual({ ok: false, errors });
  });
});

describe("ZCode", () => {
  it("parses to the normalized code", () => {
    expect(ZCode.parse(" jane-ab12 ")).toBe("JANE-AB12");
  });

  it.each([
    ["", ["Enter a code."]],
    ["jane ab12", ['Remove the characters that are not allowed: space. A code can only hold letters A–Z, digits 0–9 and "-".']],
  ])("reports %j as issues", (input, messages) => {
    const result = ZCode.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(messages);
  });

  it("reports the field path when nested", () => {
    const result = z.object({ codes: z.array(ZCode) }).safeParse({ codes: ["ok-1", "é"] });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([["codes", 1]]);
  });
});
