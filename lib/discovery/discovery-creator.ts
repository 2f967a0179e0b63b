import { sql } from "drizzle-orm";
import type { DiscoveryAudience } from "@/db/schema/discovery";
import type { DiscoveryProfile } from "./discovery-profile";

/** A profile as a workspace sees it: the contact email only once the workspace has unlocked it. */
export type DiscoveryCreator = DiscoveryProfile & {
  city: string | null;
  region: string | null;
  country: string | null;
  email: string | null;
  unlockedAt: Date | null;
};

/** A result row as Postgres returns it (driver-dependent array and JSON encodings). */
export type DiscoveryCreatorRow = {
  id: string;
  platforms: string | string[];
  handle: string;
  display_name: string;
  bio: string;
  niches: string[];
  followers: number;
  engagement_rate_bps: number;
  city: string | null;
  region: string | null;
  country: string | null;
  audience: DiscoveryAudience | string;
  email: string | null;
  unlocked_at: Date | string | null;
  tier?: number;
};

/** Postgres enum arrays arrive as "{instagram,tiktok}" from some drivers. */
function enumArray(v: string | string[]): string[] {
  if (Array.isArray(v)) return v;
  return v.replace(/^\{|\}$/g, "").split(",").filter(Boolean);
}

export function toDiscoveryCreator(r: DiscoveryCreatorRow): DiscoveryCreator {
  return {
    id: r.id,
    platforms: enumArray(r.platforms) as DiscoveryCreator["platforms"],
    handle: r.handle,
    displayName: r.display_name,
    bio: r.bio,
    niches: r.niches,
    followers: Number(r.followers),
    engagementRateBps: Number(r.engagement_rate_bps),
    city: r.city,
    region: r.region,
    country: r.country,
    audience: typeof r.audience === "string" ? (JSON.parse(r.audience) as DiscoveryAudience) : r.audience,
    email: r.email,
    unlockedAt: r.unlocked_at === null ? null : new Date(r.unlocked_at),
  };
}

/** The columns a result shows, with the email revealed only through this workspace's unlock. */
export const creatorColumns = (workspaceId: string) => sql`
  p.id, p.platforms, p.handle, p.display_name, p.bio, p.niches, p.followers, p.engagement_rate_bps,
  p.city, p.region, p.country, p.audience,
  case when u.id is not null then p.contact_email end as email, u.unlocked_at
  from discovery_profiles p
  left join discovery_unlocks u on u.workspace_id = ${workspaceId} and u.profile_id = p.id`;
