import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Cursors for keysets that are more than an id (e.g. a time and an id): base64url JSON, still opaque
 * to clients. Anything that does not decode into `schema` is the contract's 400 "Invalid cursor."
 */
export function encodeJsonCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodeJsonCursor<S extends z.ZodTypeAny>(cursor: string, schema: S): z.output<S> {
  const invalid = () => new AppError("bad_request", "Invalid cursor. Pass `next_cursor` of the previous page as it was returned.");
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid();
  return parsed.data as z.output<S>;
}
