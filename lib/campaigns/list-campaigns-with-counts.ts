import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, enrollments } from "@/db/schema";
import { campaignTermsColumns } from "./campaign-terms-columns";

/** The campaigns list: each campaign with its number of active creators. */
export async function listCampaignsWithCounts(db: Db, workspaceId: string) {
  return db
    .select({
      id: campaigns.id,
      name: campaigns.name,
      ...campaignTermsColumns,
      timezone: campaigns.timezone,
      creators: sql<number>`count(${enrollments.id}) FILTER (WHERE ${enrollments.status} = 'active')::int`,
    })
    .from(campaigns)
    .leftJoin(enrollments, eq(enrollments.campaignId, campaigns.id))
    .where(and(eq(campaigns.workspaceId, workspaceId), isNull(campaigns.deletedAt)))
    .groupBy(campaigns.id)
    .orderBy(desc(campaigns.createdAt));
}
