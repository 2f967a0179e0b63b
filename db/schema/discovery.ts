import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, primaryKey, smallint, text, uniqueIndex } from "drizzle-orm/pg-core";
import { belongsTo, createdAt, id, tstz, updatedAt } from "./columns";
import { users } from "./auth";
import { workspaces } from "./workspaces";

/**
 * Creator discovery (lib/discovery): a global database of creator profiles that every brand can
 * search, and per-workspace unlocks of a profile's contact email.
 *
 * Case- and accent-insensitive matching: every string a search compares against has a normalised
 * twin, `tally_normalize(x) = lower(unaccent(x))`, kept by Postgres as a STORED generated column
 * (so it can never drift from the text it mirrors). Searches normalise their input with the same
 * function in SQL, so "los angeles", "Los Angeles" and "LOS ÁNGELES" are one string. The function and
 * its helpers are created by migration 0008 (they need the `unaccent` and `pg_trgm` extensions).
 */
export const discoveryPlatform = pgEnum("discovery_platform", ["instagram", "tiktok", "youtube"]);
export const audienceLocationKind = pgEnum("audience_location_kind", ["city", "region", "country"]);

/** Audience split, in basis points of the audience (10000 = 100 %). */
export type DiscoveryAudience = {
  locations: { kind: "city" | "region" | "country"; name: string; share_bps: number }[];
  age: Record<"13-17" | "18-24" | "25-34" | "35-44" | "45+", number>;
  gender: Record<"female" | "male" | "other", number>;
};

export const discoveryProfiles = pgTable(
  "discovery_profiles",
  {
    id: id("discoveryProfile"),
    platforms: discoveryPlatform().array().notNull(),
    handle: text().notNull(),
    displayName: text().notNull(),
    bio: text().notNull().default(""),
    /** Niche / category labels as shown ("Beauty", "Food & Drink"). */
    niches: text().array().notNull().default(sql`'{}'::text[]`),
    followers: integer().notNull(),
    /** Engagement rate in basis points (345 = 3.45 %). */
    engagementRateBps: integer().notNull(),
    /** The creator's own location. */
    city: text(),
    region: text(),
    country: text(),
    /** Audience locations (with shares), age and gender split. The locations are also in discovery_audience_locations. */
    audience: jsonb().$type<DiscoveryAudience>().notNull(),
    /** Hidden until a workspace unlocks it (lib/discovery/unlock-creator-email.ts). */
    contactEmail: text().notNull(),
    /** Free text document: handle, name, bio, niches, own location and audience place names, normalised. */
    searchNorm: text()
      .notNull()
      .generatedAlwaysAs(sql`tally_discovery_document(handle, display_name, bio, niches, city, region, country, audience)`),
    /** Handle and display name, normalised: matches here rank first ("relevance"). */
    nameNorm: text()
      .notNull()
      .generatedAlwaysAs(sql`tally_normalize(handle || ' ' || display_name)`),
    nicheKeys: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`tally_normalize_array(niches)`),
    locationKeys: text()
      .array()
      .notNull()
      .generatedAlwaysAs(sql`tally_normalize_array(ARRAY[city, region, country])`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // How searches use these (lib/discovery/search-creators.ts): a page is found by *walking* the
    // first 5,000 profiles in sort order (followers / engagement btree) and testing each, or, when
    // those hold too few matches, by *collecting* the matches through the filter indexes below.
    //
    // free text, collecting: search_norm LIKE '%' || tally_normalize($word) || '%' for each word
    // (AND). Trigram GIN answers substring matches of any word anywhere in the document.
    index("discovery_profiles_search_trgm_idx").using("gin", t.searchNorm.op("gin_trgm_ops")),
    // relevance's first tier ("the handle or name contains every word"): name_norm LIKE … — short
    // strings, a small index, so this tier is collected first (capped) before any walk
    index("discovery_profiles_name_trgm_idx").using("gin", t.nameNorm.op("gin_trgm_ops")),
    // niche filter, collecting: niche_keys @> ARRAY[tally_normalize($niche)]
    index("discovery_profiles_niche_keys_idx").using("gin", t.nicheKeys),
    // creator location filter, collecting: location_keys @> ARRAY[tally_normalize($place)] (city, region or country)
    index("discovery_profiles_location_keys_idx").using("gin", t.locationKeys),
    // walking by followers (sort by followers and by relevance): ORDER BY followers DESC, id DESC
    // [WHERE followers BETWEEN … AND (followers, id) < cursor] LIMIT 5000 — a backward range scan
    index("discovery_profiles_followers_idx").on(t.followers, t.id),
    // walking by engagement: ORDER BY engagement_rate_bps DESC, id DESC [WHERE range AND keyset] LIMIT 5000
    index("discovery_profiles_engagement_idx").on(t.engagementRateBps, t.id),
    // platform: no index — each platform is on a third or more of all profiles, a scan filter is cheaper
  ],
);

/**
 * One row per place in a profile's audience (the same data as `audience.locations`), so that
 * "audience in Los Angeles with at least 10 %" is an index range scan.
 */
export const discoveryAudienceLocations = pgTable(
  "discovery_audience_locations",
  {
    profileId: belongsTo(() => discoveryProfiles.id),
    kind: audienceLocationKind().notNull(),
    name: text().notNull(),
    nameNorm: text()
      .notNull()
      .generatedAlwaysAs(sql`tally_normalize(name)`),
    /** Share of the audience in basis points (1250 = 12.5 %). */
    shareBps: smallint().notNull(),
    /** The profile's follower count, copied here so the follower range is checked inside the index. */
    followers: integer().notNull(),
  },
  (t) => [
    // a walk's per-profile audience check: EXISTS (… WHERE profile_id = p.id AND kind = $kind AND …)
    primaryKey({ columns: [t.profileId, t.kind, t.name] }),
    // audience filter: WHERE name_norm = tally_normalize($place) ORDER BY followers DESC, profile_id DESC,
    // with kind, share and the follower range checked inside the index (trailing key columns): the
    // audience walk streams a place's profiles best-first, index-only, without reading a profile,
    // and stops once a page is full. Collecting uses the same range as a semi-join.
    index("discovery_audience_locations_place_idx").on(t.nameNorm, t.followers, t.profileId, t.kind, t.shareBps),
  ],
);

/**
 * A workspace's unlock of a profile's contact email. Unique per (workspace, profile): unlocking again
 * is free. The quota counts these rows in the current billing cycle (lib/discovery/get-unlock-quota.ts);
 * there is no stored counter.
 */
export const discoveryUnlocks = pgTable(
  "discovery_unlocks",
  {
    id: id("discoveryUnlock"),
    workspaceId: belongsTo(() => workspaces.id),
    profileId: belongsTo(() => discoveryProfiles.id),
    unlockedByUserId: text().references(() => users.id, { onDelete: "set null" }),
    unlockedAt: tstz().notNull().defaultNow(),
  },
  (t) => [
    // re-unlock is free and the reveal check: WHERE workspace_id = $1 AND profile_id = ANY($2)
    uniqueIndex("discovery_unlocks_workspace_profile_key").on(t.workspaceId, t.profileId),
    // quota: count(*) WHERE workspace_id = $1 AND unlocked_at >= $cycle_start AND unlocked_at < $cycle_end
    index("discovery_unlocks_workspace_unlocked_idx").on(t.workspaceId, t.unlockedAt),
  ],
);
