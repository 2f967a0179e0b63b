import type { z } from "zod";
import { formErrorMap } from "./error-map";

/** Field messages keyed by the form field's name ("creators.3.email" for nested paths; "_" for the form as a whole). */
export type FieldErrors = Record<string, string[]>;

export type FormParse<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors; message: string };

/**
 * A zod error as field messages: every field at once, the first message of each (an empty email is
 * "Enter your email address.", not that and "Enter a valid email address." after it).
 */
export function fieldErrorsOf(issues: readonly { path: (string | number)[]; message: string }[]): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= [issue.message];
  }
  return fields;
}

/** The form's summary line above its fields: how many need attention (each says what is wrong beside it). */
export function invalidFormMessage(fields: FieldErrors): string {
  const named = Object.keys(fields).filter((k) => k !== "_");
  const general = fields._ ?? [];
  if (named.length === 0) return general.join(" ") || "Check the form and try again.";
  const head = named.length === 1 ? "One field needs your attention: see the message beside it." : `${named.length} fields need your attention: see the message beside each.`;
  return general.length ? `${general.join(" ")} ${head}` : head;
}

/** A FormData as a plain object (Next's `$ACTION_…` keys left out); a repeated name keeps its last value. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue> {
  const raw: Record<string, FormDataEntryValue> = {};
  for (const [key, value] of formData.entries()) {
    if (key.startsWith("$ACTION")) continue;
    raw[key] = value;
  }
  return raw;
}

/**
 * Parses a form with its zod schema, in the browser before sending and on the server again, with the
 * same words (`formErrorMap`) and every field's messages at once.
 */
export function parseFormData<S extends z.ZodTypeAny>(schema: S, formData: FormData | Record<string, unknown>): FormParse<z.infer<S>> {
  const raw = formData instanceof FormData ? formDataToObject(formData) : formData;
  const parsed = schema.safeParse(raw, { errorMap: formErrorMap });
  if (parsed.success) return { ok: true, data: parsed.data };
  const fields = fieldErrorsOf(parsed.error.issues);
  return { ok: false, fields, message: invalidFormMessage(fields) };
}
