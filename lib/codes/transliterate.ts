/**
 * Latin letters that NFKD does not decompose into a base letter plus combining marks.
 * (NFKD already handles é, Å, ç, ñ, İ, ǅ, ﬁ, fullwidth and circled letters, and so on.)
 */
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss", ẞ: "SS",
  æ: "ae", Æ: "AE",
  œ: "oe", Œ: "OE",
  ø: "o", Ø: "O",
  ł: "l", Ł: "L",
  đ: "d", Đ: "D",
  ð: "d", Ð: "D",
  þ: "th", Þ: "TH",
  ħ: "h", Ħ: "H",
  ŧ: "t", Ŧ: "T",
  ŋ: "n", Ŋ: "N",
  ı: "i",
  ĸ: "k",
  ſ: "s",
  ƒ: "f",
};

/**
 * An ASCII approximation of Latin text: `Zoë Ångström` → `Zoe Angstrom`, `Łódź` → `Lodz`,
 * `Straße` → `Strasse`. Case, spaces and punctuation are kept; scripts without a Latin reading
 * (Cyrillic, CJK, emoji…) are left as they are for the caller to drop.
 */
export function transliterate(text: string): string {
  return Array.from(text, (character) => LETTERS[character] ?? character)
    .join("")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "");
}

/**
 * What a name or handle contributes to a code: transliterated, uppercased, and stripped of everything
 * but A–Z and 0–9. Spaces, apostrophes, emoji, punctuation *and hyphens* are dropped, so words are
 * joined with nothing (`Jane O'Brien-Smith` → `JANEOBRIENSMITH`, `@jane.doe` → `JANEDOE`): every `-`
 * in a code comes from the template or a collision suffix. May be empty.
 */
export function toNamePart(text: string): string {
  return transliterate(text)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "");
}
