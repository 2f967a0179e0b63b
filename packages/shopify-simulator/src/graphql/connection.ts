/**
 * Relay connections with Shopify's opaque cursors (base64 of {"last_id":…,"last_value":…}) and
 * Shopify's argument rules (one of first/last required, at most 250).
 */
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

export interface Cursorable {
  /** Numeric id used as tie-breaker and in the cursor. */
  cursorId: number;
  /** Sort value (epoch ms for time keys, number or string otherwise). */
  cursorValue: number | string;
}

export interface Connection<T> {
  nodes: T[];
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export const MAX_PAGE_SIZE = 250;

export function encodeCursor(id: number, value: number | string): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value })).toString("base64");
}

function decodeCursor(cursor: string): { id: number; value: number | string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown; last_value?: unknown };
    if (typeof parsed.last_id === "number" && (typeof parsed.last_value === "number" || typeof parsed.last_value === "string")) {
      return { id: parsed.last_id, value: parsed.last_value };
    }
  } catch {
    // fall through
  }
  throw new GraphQLError("Invalid cursor for current pagination sort.", { extensions: { code: "BAD_REQUEST" } });
}

function compare(a: { id: number; value: number | string }, b: { id: number; value: number | string }): number {
  if (a.value < b.value) return -1;
  if (a.value > b.value) return 1;
  return a.id - b.id;
}

/**
 * Pages `items` (already filtered). `requirePageSize` = Shopify's "you must provide one of first or last"
 * (bulk operations run without it).
 */
export function paginate<T>(
  items: readonly T[],
  key: (item: T) => Cursorable,
  args: ConnectionArgs,
  opts: { requirePageSize?: boolean; fieldName?: string } = {},
): Connection<T> {
  const { first, last, after, before } = args;
  const requirePageSize = opts.requirePageSize ?? true;
  if (requirePageSize && (first === undefined || first === null) && (last === undefined || last === null)) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  for (const [name, v] of [["first", first], ["last", last]] as const) {
    if (v !== undefined && v !== null && (v < 0 || v > MAX_PAGE_SIZE)) {
      throw new GraphQLError(
        `The ${name} argument on ${opts.fieldName ?? "this connection"} must be between 0 and ${MAX_PAGE_SIZE}.`,
        { extensions: { code: "BAD_REQUEST" } },
      );
    }
  }
  const dir = args.reverse ? -1 : 1;
  const keyed = items
    .map((item) => {
      const k = key(item);
      return { item, k: { id: k.cursorId, value: k.cursorValue } };
    })
    .sort((a, b) => dir * compare(a.k, b.k));

  let start = 0;
  let end = keyed.length;
  if (after) {
    const c = decodeCursor(after);
    const idx = keyed.findIndex((x) => dir * compare(x.k, c) > 0);
    start = idx === -1 ? keyed.length : idx;
  }
  if (before) {
    const c = decodeCursor(before);
    const idx = keyed.findIndex((x) => dir * compare(x.k, c) >= 0);
    end = idx === -1 ? keyed.length : idx;
  }
  let slice = keyed.slice(start, Math.max(start, end));
  let hasNextPage = end < keyed.length;
  let hasPreviousPage = start > 0;
  if (first !== undefined && first !== null) {
    if (slice.length > first) hasNextPage = true;
    slice = slice.slice(0, first);
  }
  if (last !== undefined && last !== null) {
    if (slice.length > last) hasPreviousPage = true;
    slice = slice.slice(Math.max(0, slice.length - last));
  }
  const edges = slice.map((x) => ({ cursor: encodeCursor(x.k.id, x.k.value), node: x.item }));
  return {
    nodes: slice.map((x) => x.item),
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** A connection over a small fixed list (line items, refund lines…) paged by id. */
export function listConnection<T>(
  items: readonly T[],
  args: ConnectionArgs,
  idOf: (item: T) => number,
  opts: { requirePageSize: boolean; fieldName?: string },
): Connection<T> {
  return paginate(items, (item) => ({ cursorId: idOf(item), cursorValue: idOf(item) }), args, opts);
}
