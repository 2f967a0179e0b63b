import { describe, expect, it } from "vitest";
import { DEFAULT_CODE_TEMPLATE } from "./constants";
import { validateTemplate } from "./validate-template";
import { ZCodeTemplate } from "./schemas";

const VARIABLES = "{full_name}, {first_name}, {handle} or {random_number}";
const FORBIDDEN_TAIL = 'A template can only hold letters A–Z, digits, "-", "_" and variables.';

describe("validateTemplate", () => {
  it.each([
    [DEFAULT_CODE_TEMPLATE],
    ["{first_name}_{random_number}"],
    ["SUMMER-{handle}-15"],
    ["summer-{handle}-15"],
    ["{random_number}"],
    ["{handle}"],
    ["{first_name}{full_name}{handle}{random_number}"],
    ["__{handle}--"],
  ])("accepts %j", (template) => {
    expect(validateTemplate(template)).toEqual({ ok: true, value: template });
  });

  it("trims surrounding spaces", () => {
    expect(validateTemplate("  {handle}-{random_number} ")).toEqual({ ok: true, value: "{handle}-{random_number}" });
  });

  it.each([
    ["empty", "", ["Enter a template, for example {full_name}-{random_number}."]],
    ["blank", "   ", ["Enter a template, for example {full_name}-{random_number}."]],
    ["unknown variable", "{full_name}-{email}", [`Unknown variable {email}. Use ${VARIABLES}.`]],
    ["variable in the wrong case", "{HANDLE}", [`Unknown variable {HANDLE}. Use ${VARIABLES}.`]],
    ["empty variable", "{}{handle}", [`Unknown variable {}. Use ${VARIABLES}.`]],
    [
      "unclosed brace",
      "{handle",
      ['Unbalanced braces: the "{" at position 1 is never closed.', `Add ${VARIABLES}: without one, every creator would get the same code.`],
    ],
    ["nested brace", "{ha{handle}", ['Unbalanced braces: the "{" at position 1 is never closed.']],
    ["stray closing brace", "{handle}}", ['Unbalanced braces: the "}" at position 9 has no opening "{".']],
    ["forbidden characters", "{handle} 15%!", [`Remove the characters that are not allowed: space, "%", "!". ${FORBIDDEN_TAIL}`]],
    ["non-ASCII letters", "ÉTÉ-{handle}", [`Remove the characters that are not allowed: "É". ${FORBIDDEN_TAIL}`]],
    ["no distinguishing variable", "SUMMER-15", [`Add ${VARIABLES}: without one, every creator would get the same code.`]],
    [
      "fixed part too long",
      `${"A".repeat(41)}-{handle}-{random_number}`, // 41 + "-" + 4 random = 46
      [
        "The template's fixed text and random characters take 46 characters; at most 45 are allowed, " +
          "so that names and a collision suffix fit in a 50-character code.",
      ],
    ],
    [
      "fixed text alone beyond the code limit",
      `{handle}${"B".repeat(60)}`,
      [
        "The template's fixed text and random characters take 60 characters; at most 45 are allowed, " +
          "so that names and a collision suffix fit in a 50-character code.",
      ],
    ],
    [
      "several problems at once",
      "{email} x}",
      [
        `Unknown variable {email}. Use ${VARIABLES}.`,
        'Unbalanced braces: the "}" at position 10 has no opening "{".',
        `Remove the characters that are not allowed: space. ${FORBIDDEN_TAIL}`,
      ],
    ],
  ])("refuses %s: %j", (_case, template, errors) => {
    expect(validateTemplate(template)).toEqual({ ok: false, errors });
  });

  it("allows a fixed part of exactly 45 characters", () => {
    expect(validateTemplate(`${"A".repeat(40)}-{handle}-{random_number}`).ok).toBe(true);
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
