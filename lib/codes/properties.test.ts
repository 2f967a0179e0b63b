import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { CODE_MAX_LENGTH, TEMPLATE_VARIABLES } from "./constants";
import { generateUniqueCode, withCollisionSuffix } from "./generate-unique-code";
import { normalizeCode } from "./normalize-code";
import { sequenceRandom, type RandomSource } from "./random";
import { renderCode } from "./render-code";
import type { CodeCreator } from "./types";
import { isValidCode, validateCode } from "./validate-code";
import { validateTemplate } from "./validate-template";

/** What every generated code looks like: no empty code, no leading, trailing or doubled `-`. */
const RENDERED_CODE = /^[A-Z0-9]+(-[A-Z0-9]+)*$/;

/** Any code point, lone surrogates included. (Cheaper to build than fast-check's `unit: "binary"`.) */
const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint));

const anyText = fc.oneof(
  fc.string({ unit: anyCodePoint, maxLength: 80 }), // emoji, combining marks, controls, CJK…
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.constantFrom(..."aéßøæłıİ-' _.🦄1"), maxLength: 70 }),
);

const creators: fc.Arbitrary<CodeCreator> = fc.record(
  {
    fullName: anyText,
    firstName: anyText,
    handle: fc.option(anyText, { nil: null }),
  },
  { requiredKeys: ["fullName"] },
);

const templates = fc
  .array(
    fc.oneof(
      fc.constantFrom(...TEMPLATE_VARIABLES.map((name) => `{${name}}`)),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,16}$/),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((tokens) => tokens.join(""))
  .filter((template) => validateTemplate(template).ok);

const randomSources: fc.Arbitrary<RandomSource> = fc
  .array(fc.stringMatching(/^[A-Z0-9]{4}$/), { minLength: 1, maxLength: 10 })
  .map((chunks) => sequenceRandom(...(chunks as [string, ...string[]])));

describe("properties", () => {
  it("renders a valid code for any creator and any valid template", () => {
    fc.assert(
      fc.property(templates, creators, randomSources, (template, creator, random) => {
        const code = renderCode(template, creator, random);
        expect(code).toMatch(RENDERED_CODE);
        expect(code.length).toBeLessThanOrEqual(CODE_MAX_LENGTH);
        expect(isValidCode(code)).toBe(true);
      }),
    );
  });

  it("never returns a code that isTaken reports as taken", async () => {
    await fc.assert(
      fc.asyncProperty(
        templates,
        creators,
        randomSources,
        fc.func(fc.boolean()),
        fc.integer({ min: 1, max: 8 }),
        async (template, creator, random, taken, maxAttempts) => {
          const asked: string[] = [];
          const isTaken = async (code: string) => {
            asked.push(code);
            return taken(code);
          };
          try {
            const code = await generateUniqueCode({ template, creator, isTaken, random, maxAttempts });
            expect(taken(code)).toBe(false);
            expect(code).toMatch(RENDERED_CODE);
            expect(code.length).toBeLessThanOrEqual(CODE_MAX_LENGTH);
          } catch (error) {
            expect(error).toBeInstanceOf(AppError);
            expect((error as AppError).code).toBe("conflict");
          }
          expect(asked.length).toBeLessThanOrEqual(maxAttempts);
        },
      ),
    );
  });

  it("keeps suffixed codes valid", () => {
    fc.assert(
      fc.property(templates, creators, randomSources, (template, creator, random) => {
        const suffixed = withCollisionSuffix(renderCode(template, creator, random), random);
        expect(suffixed).toMatch(RENDERED_CODE);
        expect(suffixed.length).toBeLessThanOrEqual(CODE_MAX_LENGTH);
      }),
    );
  });

  it("validates to a normalized, valid code, idempotently", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, fc.stringMatching(/^\s*[a-zA-Z0-9-]{0,55}\s*$/)), (input) => {
        const result = validateCode(input);
        if (!result.ok) return;
        expect(isValidCode(result.value)).toBe(true);
        expect(normalizeCode(result.value)).toBe(result.value);
        expect(validateCode(result.value)).toEqual(result);
      }),
    );
  });
});
