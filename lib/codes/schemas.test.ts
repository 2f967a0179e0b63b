import { describe, expect, it } from "vitest";
import { ZCode, ZCodeTemplate } from "./schemas";

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

  it("works inside an object, with the field path", () => {
    const result = ZCode.array().safeParse(["ok-1", "é"]);
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([[1]]);
  });
});

describe("ZCodeTemplate", () => {
  it("parses to the trimmed template", () => {
    expect(ZCodeTemplate.parse(" SUMMER-{handle}-15 ")).toBe("SUMMER-{handle}-15");
  });

  it("reports every template error", () => {
    const result = ZCodeTemplate.safeParse("{email}!");
    expect(result.error?.issues.map((issue) => issue.message)).toEqual([
      "Unknown variable {email}. Use {full_name}, {first_name}, {handle} or {random_number}.",
      'Remove the characters that are not allowed: "!". A template can only hold letters A–Z, digits, "-", "_" and variables.',
    ]);
  });
});
