import { AppError } from "@/lib/errors";
import { composeCode, type CodePart } from "./compose-code";
import { DEFAULT_CODE_TEMPLATE, DEFAULT_MAX_ATTEMPTS } from "./constants";
import { normalizeCode } from "./normalize-code";
import { cryptoRandom, drawRandom, type RandomSource } from "./random";
import { renderParts } from "./render-code";
import type { CodeCreator } from "./types";
import { isValidCode } from "./validate-code";

export type GenerateUniqueCodeInput = {
  /** Defaults to `{full_name}-{random_number}`. */
  template?: string;
  creator: CodeCreator;
  /**
   * Whether a candidate (normalized, uppercase) is already used: the caller checks Tally's codes and
   * the Shopify store, case-insensitively (`sameCode`).
   */
  isTaken: (code: string) => Promise<boolean> | boolean;
  random?: RandomSource;
  /** Candidates to try, the plain rendering included. Default 8. */
  maxAttempts?: number;
};

/**
 * Renders the template for the creator; while the candidate is taken, tries the same rendering plus
 * `-` and 4 fresh random characters (each retry replaces the previous suffix rather than stacking
 * them). The names are cut further so the suffix fits in 50 characters. After `maxAttempts`
 * candidates it gives up with a `conflict` AppError listing what it tried.
 */
export async function generateUniqueCode({
  template = DEFAULT_CODE_TEMPLATE,
  creator,
  isTaken,
  random = cryptoRandom,
  maxAttempts = DEFAULT_MAX_ATTEMPTS,
}: GenerateUniqueCodeInput): Promise<string> {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, got ${maxAttempts}.`);
  }
  const parts = renderParts(template, creator, random);
  const tried: string[] = [];
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const candidate = composeCode(attempt === 1 ? parts : [...parts, ...collisionSuffix(random)]);
    if (tried.includes(candidate)) continue; // a repeated draw still counts as an attempt
    tried.push(candidate);
    if (!(await isTaken(candidate))) return candidate;
  }
  throw new AppError(
    "conflict",
    `Could not find a free discount code after ${maxAttempts} attempts (tried ${tried.join(", ")}). ` +
      "Try again, or use a template with {random_number}.",
    { tried },
  );
}

/**
 * `code` plus `-` and 4 random characters, for when Shopify answers TAKEN after the check; the caller
 * loops. The code is opaque here, so when it has no room left its *end* is cut; when the template and
 * creator are at hand, prefer `generateUniqueCode` with the rejected code counted as taken, which
 * cuts the names instead. Pass the original code on each retry to keep a single suffix.
 */
export function withCollisionSuffix(code: string, random: RandomSource = cryptoRandom): string {
  const normalized = normalizeCode(code);
  if (!isValidCode(normalized)) throw new Error(`Not a valid discount code: ${JSON.stringify(code)}.`);
  return composeCode([{ kind: "name", text: normalized }, ...collisionSuffix(random)]);
}

function collisionSuffix(random: RandomSource): CodePart[] {
  return [
    { kind: "fixed", text: "-" },
    { kind: "random", text: drawRandom(random) },
  ];
}
