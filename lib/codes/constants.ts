/** A discount code holds at most this many characters (A–Z, 0–9, `-`). */
export const CODE_MAX_LENGTH = 50;

/** `{random_number}` and every collision suffix are this many characters from A–Z and 0–9. */
export const RANDOM_PART_LENGTH = 4;

/** A collision suffix is `-` plus random characters: the room a template must leave for it. */
export const COLLISION_SUFFIX_LENGTH = 1 + RANDOM_PART_LENGTH;

/** The template a brand starts with. */
export const DEFAULT_CODE_TEMPLATE = "{full_name}-{random_number}";

/** The variables a template may use; each one makes codes differ between creators. */
export const TEMPLATE_VARIABLES = ["full_name", "first_name", "handle", "random_number"] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** What a name variable renders when the creator's full name, first name and handle all render empty. */
export const NAME_FALLBACK = "CREATOR";

/** How many candidates `generateUniqueCode` tries before giving up. */
export const DEFAULT_MAX_ATTEMPTS = 8;
