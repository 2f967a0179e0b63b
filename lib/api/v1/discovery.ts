import { z } from "zod";
import { AUDIENCE_LOCATION_TYPES, DISCOVERY_PLATFORMS } from "@/lib/discovery/search-filters";
import type { DiscoveryCreator } from "@/lib/discovery/discovery-creator";

const percent = (description: string) => z.number().min(0).max(100).describe(description);
const nullableText = z.string().nullable();

/** API v1 shape of a discovery profile (the OpenAPI document is generated from it). */
export const ZDiscoveryCreatorJson = z.object({
  id: z.string(),
  platforms: z.array(z.enum(DISCOVERY_PLATFORMS)),
  handle: z.string(),
  display_name: z.string(),
  bio: z.string(),
  niches: z.array(z.string()),
  followers: z.number().int(),
  engagement_rate: percent("Percent (3.45 = 3.45 %)."),
  location: z.object({ city: nullableText, region: nullableText, country: nullableText }).describe("Where the creator lives."),
  audience: z.object({
    locations: z.array(z.object({ type: z.enum(AUDIENCE_LOCATION_TYPES), name: z.string(), share: percent("Percent of the audience.") })),
    age: z.record(z.number()).describe("Percent per age band (13-17, 18-24, 25-34, 35-44, 45+)."),
    gender: z.record(z.number()).describe("Percent female / male / other."),
  }),
  email: z.string().email().nullable().describe("Only when this workspace has unlocked the creator (in the brand portal); otherwise null."),
  unlocked: z.boolean(),
  unlocked_at: z.string().datetime().nullable(),
});
export type TDiscoveryCreatorJson = z.infer<typeof ZDiscoveryCreatorJson>;

/** API v1 shape of a discovery profile: `email` is null until the workspace unlocks it. */
export function discoveryCreatorJson(c: DiscoveryCreator): TDiscoveryCreatorJson {
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
