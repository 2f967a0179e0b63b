import { z } from "zod";
import { AppError, validationError } from "@/lib/errors";

export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50),
  cursor: z.string().max(200).optional(),
});

export function parseListQuery(url: URL) {
  const parsed = ZListQuery.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) throw validationError(parsed.error.issues, "Invalid query parameters.");
  return { limit: parsed.data.limit, after: parsed.data.cursor ? decodeCursor(parsed.data.cursor) : undefined };
}

/** Cursors are opaque to clients: the last row's sort key, base64url-encoded. */
export function encodeCursor(key: string): string {
  return Buffer.from(key, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^[a-z]+_[0-9a-z]{26}$/.test(key)) throw new AppError("bad_request", "Invalid cursor.");
  return key;
}

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

/** Takes `limit + 1` rows and turns them into the contract's `{ data, next_cursor }`. */
export function page<T>(rows: T[], limit: number, key: (row: T) => string, toJson: (row: T) => unknown) {
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data: data.map(toJson), next_cursor: more ? encodeCursor(key(data[data.length - 1]!)) : null };
}
