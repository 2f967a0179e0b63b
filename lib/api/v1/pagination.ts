import { z } from "zod";
import { AppError, validationError } from "@/lib/errors";

export const ZListQuery = z.object({
  limit: z.coerce.number().int().min(1, "limit must be at least 1").max(200, "limit must be at most 200").default(50).describe("Rows per page, 1–200."),
  cursor: z.string().max(200).optional().describe("`next_cursor` of the previous page."),
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

/** Takes `limit + 1` rows and turns them into the contract's `{ data, next_cursor }`. */
export function page<T>(rows: T[], limit: number, key: (row: T) => string, toJson: (row: T) => unknown) {
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data: data.map(toJson), next_cursor: more ? encodeCursor(key(data[data.length - 1]!)) : null };
}
