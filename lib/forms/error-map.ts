import { z } from "zod";

/**
 * Zod's default messages in a brand's words, for forms. A schema's own message always wins (zod
 * prefers a message given on the schema over this map); this only words what a schema left to zod,
 * so no form ever shows "String must contain at least 1 character(s)" or "Required".
 * A leaf that runs in the browser as well as on the server (forms validate in both).
 */
export const formErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined" || issue.received === "null") return { message: "Fill this in." };
      if (issue.expected === "integer") return { message: "Enter a whole number." };
      if (issue.received === "nan" || issue.expected === "number" || issue.expected === "bigint") return { message: "Enter a number." };
      if (issue.expected === "date") return { message: "Enter a date." };
      if (issue.expected === "boolean") return { message: "Choose yes or no." };
      return { message: "This value is not valid here." };
    case z.ZodIssueCode.invalid_enum_value:
    case z.ZodIssueCode.invalid_union_discriminator:
      return { message: "Choose one of the options." };
    case z.ZodIssueCode.invalid_literal:
    case z.ZodIssueCode.invalid_union:
      return { message: "This value is not valid here." };
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { message: "Enter a valid email address." };
      if (issue.validation === "url") return { message: "Enter a full address, starting with https://." };
      if (issue.validation === "datetime" || issue.validation === "date") return { message: "Enter a date and time." };
      return { message: "This is not in the expected format." };
    case z.ZodIssueCode.too_small: {
      const n = Number(issue.minimum);
      if (issue.type === "string") return { message: n <= 1 ? "Fill this in." : `Use at least ${n} characters.` };
      if (issue.type === "array" || issue.type === "set") return { message: n <= 1 ? "Choose at least one." : `Choose at least ${n}.` };
      if (issue.type === "number" || issue.type === "bigint") return { message: issue.inclusive ? `Enter ${n} or more.` : `Enter more than ${n}.` };
      if (issue.type === "date") return { message: "Choose a later date." };
      return { message: "This is too small." };
    }
    case z.ZodIssueCode.too_big: {
      const n = Number(issue.maximum);
      if (issue.type === "string") return { message: `Use at most ${n} characters.` };
      if (issue.type === "array" || issue.type === "set") return { message: `Choose at most ${n}.` };
      if (issue.type === "number" || issue.type === "bigint") return { message: issue.inclusive ? `Enter ${n} or less.` : `Enter less than ${n}.` };
      if (issue.type === "date") return { message: "Choose an earlier date." };
      return { message: "This is too big." };
    }
    case z.ZodIssueCode.not_multiple_of:
      return { message: Number(issue.multipleOf) === 1 ? "Enter a whole number." : `Use a multiple of ${issue.multipleOf}.` };
    case z.ZodIssueCode.not_finite:
      return { message: "Enter a number." };
    case z.ZodIssueCode.invalid_date:
      return { message: "Enter a date." };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: "This form sent fields it should not have. Reload the page and try again." };
    default:
      return { message: ctx.defaultError };
  }
};
