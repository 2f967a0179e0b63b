import { and, eq, isNotNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns, discountCodes } from "@/db/schema";
import { enqueue } from "@/lib/jobs/enqueue";
import { deactivateCodesJob } from "./deactivate-codes-job";

/**
 * Finds campaigns that have ended (end passed, ended by hand, or deleted) but still have codes that
 * are not deactivated, and starts their deactivation. In-process this runs every 30 s while the app
 * runs, so codes end on time without Inngest; on Inngest it is the cron safety net behind the
 * sleeping end-of-campaign runs. Also catches codes of removed creators whose deactivation failed.
 */
export async function endDueCampaigns(db: Db, now: Date = new Date()): Promise<{ campaigns: number }> {
  const due = await db
    .selectDistinct({ workspaceId: campaigns.workspaceId, campaignId: campaigns.id })
    .from(campaigns)
    .innerJoin(discountCodes, eq(discountCodes.campaignId, campaigns.id))
    .where(
      and(
        ne(discountCodes.status, "deactivated"),
        or(
          lte(campaigns.endsAt, now),
          isNotNull(campaigns.endedAt),
          isNotNull(campaigns.deletedAt),
          and(isNotNull(discountCodes.deactivatedAt), lte(discountCodes.deactivatedAt, sql`${now.toISOString()}::timestamptz - interval '1 minute'`)),
        ),
      ),
    )
    .limit(200);
  for (const c of due) await enqueue(deactivateCodesJob, c);
  return { campaigns: due.length };
}

