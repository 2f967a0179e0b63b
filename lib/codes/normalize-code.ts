/**
 * The form codes are stored and compared in: surrounding spaces trimmed, letters uppercased.
 * Only ASCII letters are uppercased: `"ß".toUpperCase()` is `"SS"` and `"ı".toUpperCase()` is `"I"`,
 * which would quietly turn a code that is not allowed into one that is.
 */
export function normalizeCode(input: string): string {
  return input.trim().replace(/[a-z]+/g, (letters) => letters.toUpperCase());
}

/** Codes match case-insensitively and regardless of surrounding spaces (as at Shopify's checkout). */
export function sameCode(a: string, b: string): boolean {
  return normalizeCode(a) === normalizeCode(b);
}
