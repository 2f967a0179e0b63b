import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { conversions } from "@/db/schema";
import { normalizeCode } from "@/lib/codes/normalize-code";
import { localDayRange, optionalQueueField, QUEUE_FILTER_KEYS, queueFilterFields, queueSearchParams, refineDateRange } from "@/lib/review-queue/query";

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

/**
 * The review queue's query string (page, CSV export, bulk review of all matching): short names,
 * blank fields ignored, every bad value reported at once per field. `from`/`to` are dates in the
 * shop's zone, both inclusive.
 */
export const ZConversionQueueQuery = z
  .object({
    status: optionalQueueField(z.enum(CONVERSION_STATUSES, { errorMap: () => ({ message: `Status is one of ${CONVERSION_STATUSES.join(", ")}.` }) })),
    ...queueFilterFields,
  })
  .superRefine(refineDateRange);
export type TConversionQueueQuery = z.infer<typeof ZConversionQueueQuery>;
export { QUEUE_FILTER_KEYS, localDayRange, queueSearchParams };

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
