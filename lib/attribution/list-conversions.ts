import { and, asc, eq, gt, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { conversions } from "@/db/schema";
import { conversionFilterWhere, type ConversionFilters } from "./conversion-filters";

export type { ConversionFilters };

export type ConversionCursor = { updatedAt: Date; id: string };

/**
 * Conversions for the developer API: keyset-paginated on (updated_at, id), so that rows inserted or
 * updated while a client pages appear after its cursor (at the end) instead of shifting pages;
 * combined with `updated_since`, a client syncs every change. Index: conversions_workspace_updated_idx.
 */
export async function listConversionsForSync(db: Db, input: ConversionFilters & { after?: ConversionCursor | undefined; limit: number }) {
  const conditions = [conversionFilterWhere(input)];
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

/** Net figures of a conversion, derived from its maintained totals. */
export function netOf(c: typeof conversions.$inferSelect) {
  return {
    netAmountCents: c.orderAmountCents - c.refundAmountCents,
    netCommissionCents: c.commissionCents - c.refundedCommissionCents,
  };
}

