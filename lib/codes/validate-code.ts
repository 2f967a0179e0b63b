import { CODE_MAX_LENGTH } from "./constants";
import { describeCharacters } from "./describe-characters";
import { normalizeCode } from "./normalize-code";
import type { Validation } from "./types";

/**
 * Whether `code` is a valid code *in normalized form*: 1–50 characters from A–Z, 0–9 and `-`, with at
 * least one letter or digit. Lowercase or space-padded input is not normalized: use `validateCode`.
 */
export function isValidCode(code: string): boolean {
  return code.length <= CODE_MAX_LENGTH && /^[A-Z0-9-]*[A-Z0-9][A-Z0-9-]*$/.test(code);
}

/** Validates what a person typed: the normalized code, or every reason it is refused. */
export function validateCode(input: string): Validation<string> {
  const code = normalizeCode(input);
  if (code === "") return { ok: false, errors: ["Enter a code."] };

  const errors: string[] = [];
  const characters = Array.from(code);
  if (characters.length > CODE_MAX_LENGTH) {
    errors.push(`A code can be at most ${CODE_MAX_LENGTH} characters; this one has ${characters.length}.`);
  }
  const forbidden = characters.filter((character) => !/^[A-Z0-9-]$/.test(character));
  if (forbidden.length > 0) {
    errors.push(
      `Remove the characters that are not allowed: ${describeCharacters(forbidden)}. ` +
        `A code can only hold letters A–Z, digits 0–9 and "-".`,
    );
  } else if (!/[A-Z0-9]/.test(code)) {
    errors.push("A code needs at least one letter or digit.");
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: code };
}
