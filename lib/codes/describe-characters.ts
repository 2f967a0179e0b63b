/**
 * Names characters for an error message: `"é"`, `"!"`, `space`, and `U+200B` for the invisible ones.
 * Each character is named once, in order of first appearance.
 */
export function describeCharacters(characters: Iterable<string>): string {
  const unique = [...new Set(characters)];
  return unique.map(describeCharacter).join(", ");
}

function describeCharacter(character: string): string {
  if (character === " ") return "space";
  if (/^[\p{L}\p{N}\p{P}\p{S}]+$/u.test(character)) return JSON.stringify(character);
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}
