import type { DiscoveryAudience } from "@/db/schema/discovery";
import type { DiscoveryPlatform } from "./search-filters";

/** A creator's public profile in the discovery database: what every brand can search. */
export type DiscoveryProfile = {
  id: string;
  platforms: DiscoveryPlatform[];
  handle: string;
  displayName: string;
  bio: string;
  niches: string[];
  followers: number;
  engagementRateBps: number;
  audience: DiscoveryAudience;
};
