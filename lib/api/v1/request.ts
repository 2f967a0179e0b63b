import type { z } from "zod";
import { AppError, validationError } from "@/lib/errors";

/** Reads a JSON request body: an empty or unparsable body is a 400 (not a 422: nothing could be validated). */
export async function readJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) throw new AppError("bad_request", "Send a JSON request body.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/** Like `readJsonBody`, for endpoints whose body is optional: an empty body reads as `{}`. */
export async function readOptionalJsonBody(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("bad_request", "The request body is not valid JSON.");
  }
}

/**
 * Parses input with a zod schema or throws the contract's 422 with `details.fields`. A strict
 * schema's unknown keys are reported under their own names (`fields.starts_at`), not as one
 * anonymous issue, with `unknownKey(key)` as the message.
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
  options: { unknownKey?: (key: string) => string; message?: string } = {},
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data as z.output<S>;
  const issues = parsed.error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: options.unknownKey?.(key) ?? `Unknown field "${key}".` }))
      : [issue],
  );
  throw validationError(issues, options.message);
}
