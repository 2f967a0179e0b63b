import { AppError } from "@/lib/errors";
import type { CodePart } from "./compose-code";
import { composeCode } from "./compose-code";
import { NAME_FALLBACK, type TemplateVariable } from "./constants";
import { cryptoRandom, drawRandom, type RandomSource } from "./random";
import { toNamePart } from "./transliterate";
import type { CodeCreator } from "./types";
import { analyzeTemplate } from "./validate-template";

/**
 * Renders a code from a template: e.g. `{full_name}-{random_number}` for Zoë Ångström → `ZOEANGSTROM-K3Q9`.
 * Names are transliterated, uppercased and reduced to A–Z 0–9 (see `toNamePart`), the template's text
 * is uppercased without its underscores, repeated `-` collapse and the code never starts or ends with
 * `-`. Too long, the names are cut (see `composeCode`); never the text nor the random characters.
 * Throws a `validation_failed` AppError when the template is invalid.
 */
export function renderCode(template: string, creator: CodeCreator, random: RandomSource = cryptoRandom): string {
  return composeCode(renderParts(template, creator, random));
}

/** The template's pieces for this creator, before joining and truncation. */
export function renderParts(template: string, creator: CodeCreator, random: RandomSource): CodePart[] {
  const { segments, errors } = analyzeTemplate(template);
  if (errors.length > 0) {
    throw new AppError("validation_failed", `Invalid code template: ${errors.join(" ")}`, { fields: { template: errors } });
  }
  const names = resolveNames(creator);
  return segments.map((segment): CodePart => {
    if (segment.kind === "text") return { kind: "fixed", text: segment.text };
    if (segment.name === "random_number") return { kind: "random", text: drawRandom(random) };
    return { kind: "name", text: names[segment.name] };
  });
}

/**
 * What each name variable renders, never empty. When a part renders empty (an emoji-only or
 * punctuation-only name, a missing handle), the next one in its line is used:
 * - {full_name}:  full name → handle → first name → `CREATOR`
 * - {first_name}: first name → first word of the full name → handle → `CREATOR`
 * - {handle}:     handle → full name → first name → `CREATOR`
 * The "first word" is the first word of the full name that has a letter or digit once transliterated.
 */
export function resolveNames(creator: CodeCreator): Record<Exclude<TemplateVariable, "random_number">, string> {
  const fullName = toNamePart(creator.fullName);
  const handle = toNamePart(creator.handle ?? "");
  const givenFirstName = toNamePart(creator.firstName ?? "");
  const firstWord = creator.fullName.trim().split(/\s+/).map(toNamePart).find((word) => word !== "") ?? "";
  const firstOf = (...candidates: string[]) => candidates.find((candidate) => candidate !== "") ?? NAME_FALLBACK;
  return {
    full_name: firstOf(fullName, handle, givenFirstName),
    first_name: firstOf(givenFirstName, firstWord, handle),
    handle: firstOf(handle, fullName, givenFirstName),
  };
}
