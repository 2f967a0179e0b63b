import type { ReactNode } from "react";
import { requireCampaign } from "@/lib/auth/guards";

/** Another workspace's campaign, or none: HTTP 404 here, before the page's loading boundary streams. */
export default async function CampaignLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string; campaign_id: string }> }) {
  const { workspace, campaign_id: campaignId } = await params;
  await requireCampaign(workspace, campaignId);
  return children;
}
