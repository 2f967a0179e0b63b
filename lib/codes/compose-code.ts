import { CODE_MAX_LENGTH } from "./constants";

/**
 * A rendered piece of a code. `fixed` (the template's text, `-` separators) and `random` pieces are
 * never shortened; `name` pieces (full name, first name, handle: only A–Z and 0–9) are.
 */
export type CodePart = { kind: "fixed" | "random" | "name"; text: string };

/**
 * Joins the parts into a code: repeated `-` collapse into one, and leading/trailing `-` are trimmed.
 *
 * Truncation rule, when the code would exceed `maxLength`: the name parts are cut from their end,
 * longest first. They are levelled down to a common length until the code fits; a character left
 * over after levelling goes to the earlier part. So a short first name survives intact while a long
 * full name is cut, and the random suffix and the template's fixed text are never touched.
 */
export function composeCode(parts: readonly CodePart[], maxLength = CODE_MAX_LENGTH): string {
  // No name part can keep more than `maxLength` characters: capping first bounds the work below.
  let current = parts.map((part) => (part.kind === "name" ? { ...part, text: part.text.slice(0, maxLength) } : part));
  let code = join(current);
  while (code.length > maxLength) {
    const lengths = current.map((part) => (part.kind === "name" ? part.text.length : 0));
    if (lengths.every((length) => length === 0)) {
      throw new Error(
        `The template's fixed text and random characters need ${code.length} characters; a code holds at most ${maxLength}.`,
      );
    }
    const kept = levelDown(lengths, code.length - maxLength);
    current = current.map((part, index) => (part.kind === "name" ? { ...part, text: part.text.slice(0, kept[index]) } : part));
    // Emptying a name part also drops the `-` beside it, so the code may now be a little shorter than needed.
    code = join(current);
  }
  return code;
}

function join(parts: readonly CodePart[]): string {
  return parts
    .map((part) => part.text)
    .join("")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Shortens the longest lengths first until `excess` characters are removed (or all are 0). */
function levelDown(lengths: readonly number[], excess: number): number[] {
  const removedAt = (level: number) => lengths.reduce((sum, length) => sum + Math.max(0, length - level), 0);
  let level = Math.max(...lengths);
  while (level > 0 && removedAt(level) < excess) level--;
  let giveBack = removedAt(level) - excess;
  return lengths.map((length) => {
    if (length <= level) return length;
    if (giveBack > 0) {
      giveBack--;
      return level + 1;
    }
    return level;
  });
}
