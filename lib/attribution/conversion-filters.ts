import { TZDate } from "@date-fns/tz";
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { conversions } from "@/db/schema";
import { normalizeCode } from "@/lib/codes/normalize-code";

export const CONVERSION_STATUSES = ["pending", "approved", "flagged", "denied", "reversed", "voided"] as const;
export type ConversionStatus = (typeof CONVERSION_STATUSES)[number];

/**
 * What a brand's review queue, its CSV export, a bulk review of "all matching" and API v1 filter
 * conversions by. Every filter is scoped to one workspace. Dates are the order's placement time;
 * `placedFrom` is inclusive and `placedBefore` exclusive (UTC instants: the caller turns a brand's
 * local dates into instants with `localDayRange`).
 */
export type ConversionFilters = {
  workspaceId: string;
  campaignId?: string | undefined;
  creatorId?: string | undefined;
  status?: ConversionStatus | undefined;
  /** A creator code, exact once normalized (case and surrounding spaces do not matter). */
  code?: string | undefined;
  /** Order name (`#1042` or `1042`), exact. */
  orderName?: string | undefined;
  /** Order name (#1001) or code, case-insensitive substring (the API's legacy search). */
  search?: string | undefined;
  placedFrom?: Date | undefined;
  placedBefore?: Date | undefined;
  updatedSince?: Date | undefined;
};

/** The WHERE clause of a filter set; always leads with the workspace (every index does too). */
export function conversionFilterWhere(f: ConversionFilters): SQL {
  const conditions: SQL[] = [eq(conversions.workspaceId, f.workspaceId)];
  if (f.campaignId) conditions.push(eq(conversions.campaignId, f.campaignId));
  if (f.creatorId) conditions.push(eq(conversions.creatorId, f.creatorId));
  if (f.status) conditions.push(eq(conversions.status, f.status));
  if (f.code) conditions.push(eq(conversions.code, normalizeCode(f.code)));
  if (f.orderName) {
    const name = f.orderName.trim();
    conditions.push(eq(conversions.orderName, name.startsWith("#") ? name : `#${name}`));
  }
  if (f.placedFrom) conditions.push(gte(conversions.orderCreatedAt, f.placedFrom));
  if (f.placedBefore) conditions.push(lt(conversions.orderCreatedAt, f.placedBefore));
  if (f.updatedSince) conditions.push(gte(conversions.updatedAt, f.updatedSince));
  if (f.search?.trim()) {
    const q = `%${f.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(${conversions.orderName} ilike ${q} or ${conversions.code} ilike ${q})`);
  }
  return and(...conditions)!;
}

const ZLocalDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-05-31.")
  .refine((d) => !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime()) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "Use a real calendar date.");

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodTypeAny>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

/**
 * The review queue's query string (page, CSV export, bulk review of all matching): short names,
 * blank fields ignored, every bad value reported at once per field. `from`/`to` are dates in the
 * shop's zone, both inclusive.
 */
export const ZConversionQueueQuery = z
  .object({
    status: optional(z.enum(CONVERSION_STATUSES, { errorMap: () => ({ message: `Status is one of ${CONVERSION_STATUSES.join(", ")}.` }) })),
    campaign: optional(z.string().max(100)),
    creator: optional(z.string().max(100)),
    code: optional(z.string().trim().max(50, "A code is at most 50 characters.").regex(/^[A-Za-z0-9-]+$/, "A code has only letters, digits and dashes.")),
    order: optional(z.string().trim().max(40).regex(/^#?[A-Za-z0-9-]+$/, "An order is its name, like #1042.")),
    from: optional(ZLocalDate),
    to: optional(ZLocalDate),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
  });
export type TConversionQueueQuery = z.infer<typeof ZConversionQueueQuery>;
export const QUEUE_FILTER_KEYS = ["status", "campaign", "creator", "code", "order", "from", "to"] as const;

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

/** The filter set of a parsed queue query, in the shop's zone. */
export function filtersFromQueueQuery(workspaceId: string, q: TConversionQueueQuery, timeZone: string): ConversionFilters {
  return {
    workspaceId,
    status: q.status,
    campaignId: q.campaign,
    creatorId: q.creator,
    code: q.code,
    orderName: q.order,
    ...localDayRange(q, timeZone),
  };
}

/** The query string of a filter set (and more, e.g. a cursor), blank values left out: stable URLs. */
export function queueSearchParams(q: Partial<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
