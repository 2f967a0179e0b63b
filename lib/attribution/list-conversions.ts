import { and, asc, desc, eq, gt, gte, ilike, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, conversions, creators } from "@/db/schema";

export type ConversionFilters = {
  workspaceId: string;
  campaignId?: string | undefined;
  creatorId?: string | undefined;
  status?: (typeof conversions.$inferSelect)["status"] | undefined;
  /** Order name (#1001) or code, case-insensitive. */
  search?: string | undefined;
  updatedSince?: Date | undefined;
};

export type ConversionCursor = { updatedAt: Date; id: string };

function where(f: ConversionFilters): SQL {
  const conditions: SQL[] = [eq(conversions.workspaceId, f.workspaceId)];
  if (f.campaignId) conditions.push(eq(conversions.campaignId, f.campaignId));
  if (f.creatorId) conditions.push(eq(conversions.creatorId, f.creatorId));
  if (f.status) conditions.push(eq(conversions.status, f.status));
  if (f.updatedSince) conditions.push(gte(conversions.updatedAt, f.updatedSince));
  if (f.search?.trim()) {
    const q = `%${f.search.trim().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(conversions.orderName, q), ilike(conversions.code, q))!);
  }
  return and(...conditions)!;
}

/**
 * Conversions for the developer API: keyset-paginated on (updated_at, id), so that rows inserted or
 * updated while a client pages appear after its cursor (at the end) instead of shifting pages;
 * combined with `updated_since`, a client syncs every change. Index: conversions_workspace_updated_idx.
 */
export async function listConversionsForSync(db: Db, input: ConversionFilters & { after?: ConversionCursor | undefined; limit: number }) {
  const conditions = [where(input)];
  if (input.after) {
    conditions.push(
      or(gt(conversions.updatedAt, input.after.updatedAt), and(eq(conversions.updatedAt, input.after.updatedAt), gt(conversions.id, input.after.id)))!,
    );
  }
  return db
    .select()
    .from(conversions)
    .where(and(...conditions))
    .orderBy(asc(conversions.updatedAt), asc(conversions.id))
    .limit(input.limit + 1);
}

/** Conversions for the brand's pages: newest orders first, with creator and campaign names. */
export async function listConversionsForBrand(db: Db, input: ConversionFilters & { limit?: number }) {
  return db
    .select({
      conversion: conversions,
      creatorName: creators.fullName,
      campaignName: campaigns.name,
    })
    .from(conversions)
    .innerJoin(creators, eq(creators.id, conversions.creatorId))
    .innerJoin(campaigns, eq(campaigns.id, conversions.campaignId))
    .where(where(input))
    .orderBy(desc(conversions.orderCreatedAt), desc(conversions.id))
    .limit(input.limit ?? 200);
}

/** Net figures of a conversion, derived from its maintained totals. */
export function netOf(c: typeof conversions.$inferSelect) {
  return {
    netAmountCents: c.orderAmountCents - c.refundAmountCents,
    netCommissionCents: c.commissionCents - c.refundedCommissionCents,
  };
}

