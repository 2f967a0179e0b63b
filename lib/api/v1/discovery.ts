import type { DiscoveryCreator } from "@/lib/discovery/search-creators";

/** API v1 shape of a discovery profile: `email` is null until the workspace unlocks it. */
export function discoveryCreatorJson(c: DiscoveryCreator) {
  return {
    id: c.id,
    platforms: c.platforms,
    handle: c.handle,
    display_name: c.displayName,
    bio: c.bio,
    niches: c.niches,
    followers: c.followers,
    engagement_rate: c.engagementRateBps / 100,
    location: { city: c.city, region: c.region, country: c.country },
    audience: {
      locations: c.audience.locations.map((l) => ({ type: l.kind, name: l.name, share: l.share_bps / 100 })),
      age: Object.fromEntries(Object.entries(c.audience.age).map(([k, v]) => [k, v / 100])),
      gender: Object.fromEntries(Object.entries(c.audience.gender).map(([k, v]) => [k, v / 100])),
    },
    email: c.email,
    unlocked: c.email !== null,
    unlocked_at: c.unlockedAt ? c.unlockedAt.toISOString() : null,
  };
}
