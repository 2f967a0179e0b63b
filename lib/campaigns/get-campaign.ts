import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { campaigns } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type CampaignRow = typeof campaigns.$inferSelect;

/** A campaign of this workspace (scoped in the WHERE clause); another workspace's id is "not found". */
export async function getCampaignOrThrow(db: Db, input: { workspaceId: string; campaignId: string }): Promise<CampaignRow> {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, input.workspaceId), eq(campaigns.id, input.campaignId), isNull(campaigns.deletedAt)))
    .limit(1);
  if (!row) throw new AppError("not_found", "Campaign not found.");
  return row;
}

export async function listCampaigns(db: Db, workspaceId: string) {
  return db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, workspaceId), isNull(campaigns.deletedAt)))
    .orderBy(desc(campaigns.createdAt));
}
