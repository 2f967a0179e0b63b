import { z } from "zod";
import { AppError } from "@/lib/errors";
import { decodeJsonCursor } from "@/lib/json-cursor";
import type { DiscoverySort } from "./search-filters";

/** A results page's keyset: sort, tier (name matches, then exact places, then the rest), sort value, id. */
const ZCursor = z.object({ s: z.enum(["relevance", "followers", "engagement"]), t: z.number().int().min(0).max(2), v: z.number().int(), id: z.string().max(40) });
export type DiscoveryCursor = z.infer<typeof ZCursor>;

export function decodeDiscoveryCursor(cursor: string, sort: DiscoverySort): DiscoveryCursor {
  const c = decodeJsonCursor(cursor, ZCursor);
  if (c.s !== sort) throw new AppError("bad_request", "This cursor belongs to another sort order: start again without `cursor`.");
  return c;
}
