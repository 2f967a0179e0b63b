import { composeCode } from "./compose-code";
import { CODE_MAX_LENGTH, COLLISION_SUFFIX_LENGTH, RANDOM_PART_LENGTH, TEMPLATE_VARIABLES, type TemplateVariable } from "./constants";
import { describeCharacters } from "./describe-characters";
import type { Validation } from "./types";

/** A template cut into fixed text (uppercased, underscores dropped) and variables. */
export type TemplateSegment = { kind: "text"; text: string } | { kind: "variable"; name: TemplateVariable };

/** The most the fixed part may take: the rest of a code is for names and one collision suffix. */
export const TEMPLATE_FIXED_MAX_LENGTH = CODE_MAX_LENGTH - COLLISION_SUFFIX_LENGTH;

const VARIABLE_LIST = "{full_name}, {first_name}, {handle} or {random_number}";

/**
 * Checks a code template (surrounding spaces ignored). It may hold letters A–Z (either case), digits,
 * `-`, `_` and the variables {full_name}, {first_name}, {handle} and {random_number}, and must use at
 * least one of them, or every creator would get the same code. Its fixed part — the text plus 4
 * characters per {random_number} — may take at most 45 characters, so that names and a collision
 * suffix (`-XXXX`) still fit in a 50-character code.
 */
export function validateTemplate(template: string): Validation<string> {
  const { errors } = analyzeTemplate(template);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: template.trim() };
}

/** Parses a template, collecting every error instead of stopping at the first. */
export function analyzeTemplate(template: string): { segments: TemplateSegment[]; errors: string[] } {
  const characters = Array.from(template.trim());
  if (characters.length === 0) {
    return { segments: [], errors: ["Enter a template, for example {full_name}-{random_number}."] };
  }

  const segments: TemplateSegment[] = [];
  const errors = new Set<string>();
  const forbidden: string[] = [];
  let unknownVariable = false;
  let text = "";
  const flushText = () => {
    if (text !== "") segments.push({ kind: "text", text: text.replace(/_/g, "").toUpperCase() });
    text = "";
  };

  for (let index = 0; index < characters.length; index++) {
    const character = characters[index] as string;
    if (character === "{") {
      const close = characters.indexOf("}", index + 1);
      const nextOpen = characters.indexOf("{", index + 1);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        errors.add(`Unbalanced braces: the "{" at position ${index + 1} is never closed.`);
        continue;
      }
      const name = characters.slice(index + 1, close).join("");
      if (isTemplateVariable(name)) {
        flushText();
        segments.push({ kind: "variable", name });
      } else {
        unknownVariable = true;
        errors.add(`Unknown variable {${name}}. Use ${VARIABLE_LIST}.`);
      }
      index = close;
    } else if (character === "}") {
      errors.add(`Unbalanced braces: the "}" at position ${index + 1} has no opening "{".`);
    } else if (/^[A-Za-z0-9_-]$/.test(character)) {
      text += character;
    } else {
      forbidden.push(character);
    }
  }
  flushText();

  if (forbidden.length > 0) {
    errors.add(
      `Remove the characters that are not allowed: ${describeCharacters(forbidden)}. ` +
        `A template can only hold letters A–Z, digits, "-", "_" and variables.`,
    );
  }
  // An unknown variable's message already lists the variables to use.
  if (!unknownVariable && !segments.some((segment) => segment.kind === "variable")) {
    errors.add(`Add ${VARIABLE_LIST}: without one, every creator would get the same code.`);
  }
  const fixedLength = fixedPartLength(segments);
  if (fixedLength > TEMPLATE_FIXED_MAX_LENGTH) {
    errors.add(
      `The template's fixed text and random characters take ${fixedLength} characters; at most ` +
        `${TEMPLATE_FIXED_MAX_LENGTH} are allowed, so that names and a collision suffix fit in a ${CODE_MAX_LENGTH}-character code.`,
    );
  }
  return { segments, errors: [...errors] };
}

function isTemplateVariable(name: string): name is TemplateVariable {
  return (TEMPLATE_VARIABLES as readonly string[]).includes(name);
}

/** The length of the code with every name empty: what no truncation can shorten. */
function fixedPartLength(segments: readonly TemplateSegment[]): number {
  const parts = segments.map((segment) => {
    if (segment.kind === "text") return { kind: "fixed" as const, text: segment.text };
    if (segment.name === "random_number") return { kind: "fixed" as const, text: "X".repeat(RANDOM_PART_LENGTH) };
    return { kind: "name" as const, text: "" };
  });
  return composeCode(parts, Number.POSITIVE_INFINITY).length;
}
