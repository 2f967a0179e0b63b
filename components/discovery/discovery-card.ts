import type { DiscoveryCreator } from "@/lib/discovery/discovery-creator";

/** A discovery profile as the brand's discover page receives it (dates as ISO strings). */
export type DiscoverCard = Omit<DiscoveryCreator, "unlockedAt"> & { unlockedAt: string | null };
/** A campaign a discovered creator can be added to. */
export type DiscoverCampaign = { id: string; name: string };

/** What the profile drawer's contact part needs: the creator, the email once unlocked, the campaigns they can join. */
export type DrawerContactProps = {
  slug: string;
  creator: DiscoverCard;
  email: string | null;
  campaigns: DiscoverCampaign[];
  canAddToCampaign: boolean;
  onUnlocked: (email: string) => void;
};

export const PLATFORM: Record<string, string> = { instagram: "Instagram", tiktok: "TikTok", youtube: "YouTube" };

/** "Ana María López" → "AM". */
export function initials(name: string) {
  return name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
}
