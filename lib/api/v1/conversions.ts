import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { conversions } from "@/db/schema";
import { listConversionsForSync, type ConversionFilters } from "@/lib/attribution/list-conversions";
import { isId } from "@/lib/ids";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/json-cursor";
import { ZListQuery } from "./pagination";
import { parseInput } from "./request";
import { EXACT_INSTANT } from "@/lib/review-queue/query";

/**
 * `GET /conversions`: query parsing, the cursor, and one page in (updated_at, id) order.
 *
 * Why the cursor is not a JS Date: Postgres stores `updated_at` to the microsecond, a Date holds
 * milliseconds. Two conversions inserted within one millisecond (`defaultNow()`) differ only below it,
 * so a millisecond cursor would repeat or skip rows. The cursor carries `updated_at` as Postgres's
 * exact text (`2026-05-01T12:00:00.123456Z`) plus the id; the page is read from the cursor's
 * millisecond on through `listConversionsForSync`, and the rows of that millisecond that are at or
 * before the cursor are dropped by an exact comparison done in Postgres. Both reads run in one
 * read-only REPEATABLE READ transaction, so they see the same snapshot.
 */

export type ConversionsCursor = {
  /** `updated_at` of the page's last row, UTC, exactly as stored (6 fractional digits). */
  t: string;
  id: string;
};

/** The instant's millisecond (what a Date can hold), or null when it is not a real calendar time. */
function millisecondOf(t: string): Date | null {
  const ms = `${t.slice(0, 23)}Z`;
  const date = new Date(ms);
  return !Number.isNaN(date.getTime()) && date.toISOString() === ms ? date : null;
}

const ZConversionsCursor = z
  .object({
    t: z.string().regex(EXACT_INSTANT).refine((t) => millisecondOf(t) !== null),
    id: z.string().refine((id) => isId("conversion", id)),
  })
  .strict();

export function encodeConversionsCursor(cursor: ConversionsCursor): string {
  return encodeJsonCursor({ t: cursor.t, id: cursor.id });
}

export function decodeConversionsCursor(cursor: string): ConversionsCursor {
  return decodeJsonCursor(cursor, ZConversionsCursor);
}

const ZUpdatedSince = z
  .string()
  .describe(
    "Only conversions with `updated_at` at or after this instant (inclusive). ISO 8601 with an offset (`2026-05-01T00:00:00Z`), or a date (`2026-05-01`, UTC midnight).",
  )
  .refine(
    (v) => (z.string().datetime({ offset: true }).safeParse(v).success || z.string().date().safeParse(v).success) && !Number.isNaN(new Date(v).getTime()),
    "updated_since must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T00:00:00Z, or a date (UTC midnight).",
  )
  .transform((v) => new Date(v));

/** An instant filter: ISO 8601 with an offset, or a date (UTC midnight). */
const ZInstant = (name: string) =>
  z
    .string()
    .refine(
      (v) => (z.string().datetime({ offset: true }).safeParse(v).success || z.string().date().safeParse(v).success) && !Number.isNaN(new Date(v).getTime()),
      `${name} must be an ISO 8601 date-time with an offset, e.g. 2026-05-01T00:00:00Z, or a date (UTC midnight).`,
    )
    .transform((v) => new Date(v));

const ZIdFilter = (name: string) => z.string().min(1, `${name} must not be empty.`).max(100, `${name} is at most 100 characters.`);

export const ZConversionsQuery = ZListQuery.extend({
  campaign_id: ZIdFilter("campaign_id").optional().describe("Only this campaign's conversions (`cmp_…`)."),
  creator_id: ZIdFilter("creator_id").optional().describe("Only this creator's conversions (`cre_…`)."),
  status: z
    .enum(["pending", "approved", "flagged", "denied", "reversed", "voided"], { errorMap: () => ({ message: "status is one of pending, approved, flagged, denied, reversed, voided." }) })
    .optional()
    .describe("Only conversions with this status."),
  updated_since: ZUpdatedSince.optional(),
  code: z
    .string()
    .trim()
    .min(1, "code must not be empty.")
    .max(50, "code is at most 50 characters.")
    .regex(/^[A-Za-z0-9-]+$/, "code has only letters, digits and dashes.")
    .optional(),
  order_created_from: ZInstant("order_created_from").optional(),
  order_created_before: ZInstant("order_created_before").optional(),
}).superRefine((q, ctx) => {
  if (q.order_created_from && q.order_created_before && q.order_created_before <= q.order_created_from) {
    ctx.addIssue({ code: "custom", path: ["order_created_before"], message: "order_created_before must be after order_created_from." });
  }
});

/** Every invalid parameter is reported at once (422, `details.fields`); a cursor that does not decode is a 400. */
export function parseConversionsQuery(url: URL) {
  const q = parseInput(ZConversionsQuery, Object.fromEntries(url.searchParams), { message: "Invalid query parameters." });
  return {
    limit: q.limit,
    after: q.cursor ? decodeConversionsCursor(q.cursor) : undefined,
    campaignId: q.campaign_id,
    creatorId: q.creator_id,
    status: q.status,
    updatedSince: q.updated_since,
    code: q.code,
    placedFrom: q.order_created_from,
    placedBefore: q.order_created_before,
  };
}

/**
 * The exact `updated_at` of the given conversions, and whether each sits at or before `after` in
 * the (updated_at, id) order — compared in Postgres, at full precision and with its collation, the
 * same order `listConversionsForSync` sorts by.
 */
async function exactKeys(db: Db, workspaceId: string, ids: string[], after: ConversionsCursor | undefined) {
  if (ids.length === 0) return new Map<string, { t: string; seen: boolean }>();
  const rows = await db
    .select({
      id: conversions.id,
      t: sql<string>`to_char(${conversions.updatedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
      seen: after ? sql<boolean>`(${conversions.updatedAt}, ${conversions.id}) <= (${after.t}::timestamptz, ${after.id})` : sql<boolean>`false`,
    })
    .from(conversions)
    .where(and(eq(conversions.workspaceId, workspaceId), inArray(conversions.id, ids)));
  return new Map(rows.map((r) => [r.id, { t: r.t, seen: r.seen }]));
}

/**
 * One page of the workspace's conversions, oldest `updated_at` first, strictly after `after`.
 * Rows inserted or updated while a client pages get a later `updated_at` and so come after its
 * cursor: nothing shifts, and an updated row is delivered again with its new state.
 */
export async function listConversionsPage(db: Db, input: ConversionFilters & { limit: number; after?: ConversionsCursor | undefined }) {
  const { limit, after, ...filters } = input;
  // From the cursor's millisecond on: `updated_at > ms OR (updated_at = ms AND id > cursor id)`
  // keeps every row after the cursor, plus rows of that millisecond at or before it, dropped below.
  const from = after ? { updatedAt: millisecondOf(after.t)!, id: after.id } : undefined;
  return db.transaction(
    async (txRaw) => {
      const tx = txRaw as unknown as Db;
      for (let fetch = limit; ; ) {
        const rows = await listConversionsForSync(tx, { ...filters, after: from, limit: fetch });
        const keys = await exactKeys(tx, filters.workspaceId, rows.map((r) => r.id), after);
        const fresh = rows.filter((r) => !keys.get(r.id)!.seen);
        const exhausted = rows.length <= fetch;
        if (fresh.length > limit || exhausted) {
          const data = fresh.slice(0, limit);
          const last = data[data.length - 1];
          const next: ConversionsCursor | null = fresh.length > limit && last ? { t: keys.get(last.id)!.t, id: last.id } : null;
          return { rows: data, next };
        }
        // Rows of the cursor's millisecond took places on this read: read further.
        fetch = Math.max(fetch * 2, limit + rows.length - fresh.length);
      }
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}
