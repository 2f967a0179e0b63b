export {
  CODE_MAX_LENGTH,
  COLLISION_SUFFIX_LENGTH,
  DEFAULT_CODE_TEMPLATE,
  DEFAULT_MAX_ATTEMPTS,
  NAME_FALLBACK,
  RANDOM_PART_LENGTH,
  TEMPLATE_VARIABLES,
  type TemplateVariable,
} from "./constants";
export { generateUniqueCode, withCollisionSuffix, type GenerateUniqueCodeInput } from "./generate-unique-code";
export { normalizeCode, sameCode } from "./normalize-code";
export { cryptoRandom, sequenceRandom, type RandomSource } from "./random";
export { renderCode, resolveNames } from "./render-code";
export { ZCode, ZCodeTemplate, type TCode, type TCodeTemplate } from "./schemas";
export { toNamePart, transliterate } from "./transliterate";
export type { CodeCreator, Validation } from "./types";
export { isValidCode, validateCode } from "./validate-code";
export { TEMPLATE_FIXED_MAX_LENGTH, validateTemplate } from "./validate-template";
