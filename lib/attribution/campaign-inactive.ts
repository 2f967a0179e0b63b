import { campaignActiveAt } from "@/lib/campaigns/campaign-status";
import type { CampaignWindow, CandidateReason } from "./types";

/** Null when the campaign was active at `at` (`campaignActiveAt`); otherwise why not. */
export function campaignInactive(c: CampaignWindow, at: Date): CandidateReason | null {
  if (campaignActiveAt(c, at)) return null;
  if (at < c.startsAt) return { type: "campaign_not_started", startsAt: c.startsAt.toISOString() };
  const ends = [c.endsAt, c.endedAt].filter((d): d is Date => d !== null && at >= d).map((d) => d.getTime());
  return ends.length > 0 ? { type: "campaign_ended", endedAt: new Date(Math.min(...ends)).toISOString() } : { type: "campaign_inactive" };
}
