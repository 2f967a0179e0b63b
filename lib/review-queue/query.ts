import { TZDate } from "@date-fns/tz";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { z } from "zod";

/**
 * What the brand's review queues (conversions, orders) share: the query string's short names and
 * their parsing, local dates turned into instants in the shop's zone, stable URLs, and keyset
 * cursors on (placed at, id) exact to the microsecond.
 */

/** The filters every queue's query string may carry (blank ones are ignored). */
export const QUEUE_FILTER_KEYS = ["status", "campaign", "creator", "code", "order", "from", "to"] as const;
export type QueueFilterKey = (typeof QUEUE_FILTER_KEYS)[number];

export const ZLocalDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-05-31.")
  .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Use a real calendar date.");

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
/** A query-string field that may be absent or blank. */
export const optionalQueueField = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * The queue query's fields other than `status` (each queue has its own statuses): campaign and
 * creator ids, a code, an order name, and a range of local dates (both inclusive).
 */
export const queueFilterFields = {
  campaign: optionalQueueField(z.string().max(100)),
  creator: optionalQueueField(z.string().max(100)),
  code: optionalQueueField(z.string().trim().max(50, "A code is at most 50 characters.").regex(/^[A-Za-z0-9-]+$/, "A code has only letters, digits and dashes.")),
  order: optionalQueueField(z.string().trim().max(40).regex(/^#?[A-Za-z0-9-]+$/, "An order is its name, like #1042.")),
  from: optionalQueueField(ZLocalDate),
  to: optionalQueueField(ZLocalDate),
};

/** Refuses an end date before the start date (named on `to`). */
export function refineDateRange(q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
}

/** The raw filter values of a query string (first value of each key). */
export function rawQueueFilters(get: (key: QueueFilterKey) => string | string[] | null | undefined): Record<QueueFilterKey, string | undefined> {
  return Object.fromEntries(
    QUEUE_FILTER_KEYS.map((k) => {
      const v = get(k);
      return [k, (Array.isArray(v) ? v[0] : v) ?? undefined];
    }),
  ) as Record<QueueFilterKey, string | undefined>;
}

/**
 * The instants a range of local calendar days covers in a zone: from the first instant of `from`
 * to the first instant of the day after `to` (a day that starts at 01:00 because midnight was
 * skipped starts then; TZDate resolves the wall clock in the zone).
 */
export function localDayRange(input: { from?: string | undefined; to?: string | undefined }, timeZone: string): { placedFrom?: Date; placedBefore?: Date } {
  const start = (d: string, plusDays = 0) => {
    const [y, m, day] = d.split("-").map(Number) as [number, number, number];
    return new Date(new TZDate(y, m - 1, day + plusDays, timeZone).getTime());
  };
  return {
    ...(input.from ? { placedFrom: start(input.from) } : {}),
    ...(input.to ? { placedBefore: start(input.to, 1) } : {}),
  };
}

/** The query string of a filter set (and more, e.g. a cursor), blank values left out: stable URLs. */
export function queueSearchParams(q: Partial<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** An instant as Postgres's exact UTC text, to the microsecond (a JS Date holds milliseconds). */
export const EXACT_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
export const exactInstant = (column: AnyColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** A keyset cursor on (placed at, id), newest first: the last row's exact instant and id. */
export type QueueCursor = { t: string; id: string };

/** Rows strictly after the cursor in (at desc, id desc) order; Postgres compares the row values. */
export const keysetBefore = (at: AnyColumn, id: AnyColumn, after: QueueCursor): SQL => sql`(${at}, ${id}) < (${after.t}::timestamptz, ${after.id})`;
