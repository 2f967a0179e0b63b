import { z } from "zod";
import { validateCode } from "./validate-code";
import { validateTemplate } from "./validate-template";
import type { Validation } from "./types";

/** Turns a validator into a zod transform: the normalized value, or one issue per error. */
function fromValidator(validate: (input: string) => Validation<string>) {
  return z.string().transform((input, ctx) => {
    const result = validate(input);
    if (result.ok) return result.value;
    for (const message of result.errors) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    return z.NEVER;
  });
}

/** A discount code typed in a form or sent to the API; parses to the normalized code (`" jane-ab12 "` → `"JANE-AB12"`). */
export const ZCode = fromValidator(validateCode);
export type TCode = z.infer<typeof ZCode>;

/** A code template (`validateTemplate`); parses to the trimmed template. */
export const ZCodeTemplate = fromValidator(validateTemplate);
export type TCodeTemplate = z.infer<typeof ZCodeTemplate>;
