import { sql, type SQL } from "drizzle-orm";
import { escapeLike, type TDiscoverySearch } from "./search-filters";

/**
 * The search filters as SQL conditions on `p` (discovery_profiles) and `a`
 * (discovery_audience_locations); search-creators.ts plans how to walk them.
 */
export const like = (column: SQL, word: string) => sql`${column} like '%' || tally_normalize(${escapeLike(word)}) || '%'`;
export const pct = (percent: number) => Math.round(percent * 100);

/** The audience filter's conditions on `a` (discovery_audience_locations), or null without one. */
export function audienceConditions(f: TDiscoverySearch): SQL[] | null {
  if (!f.audience_location) return null;
  const audience = [sql`a.name_norm = tally_normalize(${f.audience_location})`];
  if (f.audience_location_type) audience.push(sql`a.kind = ${f.audience_location_type}`);
  if (f.audience_min_share !== undefined && f.audience_min_share > 0) audience.push(sql`a.share_bps >= ${pct(f.audience_min_share)}`);
  // The follower range again inside the audience index: it narrows the ids before any profile is read.
  if (f.followers_min !== undefined) audience.push(sql`a.followers >= ${f.followers_min}`);
  if (f.followers_max !== undefined) audience.push(sql`a.followers <= ${f.followers_max}`);
  return audience;
}

/**
 * Every filter but the free text, as conditions on `p` (discovery_profiles), cheapest first (a walk
 * evaluates them left to right and stops at the first false). `audience`: "set" — a semi-join
 * Postgres may run as a hash of every matching audience row (collecting); "row" — a lookup per
 * profile (OFFSET 0 keeps it one; walking tests few profiles); "omit" — already ensured.
 */
export function filterConditions(f: TDiscoverySearch, audience: "set" | "row" | "omit"): SQL[] {
  const c: SQL[] = [];
  if (f.followers_min !== undefined) c.push(sql`p.followers >= ${f.followers_min}`);
  if (f.followers_max !== undefined) c.push(sql`p.followers <= ${f.followers_max}`);
  if (f.engagement_min !== undefined) c.push(sql`p.engagement_rate_bps >= ${pct(f.engagement_min)}`);
  if (f.engagement_max !== undefined) c.push(sql`p.engagement_rate_bps <= ${pct(f.engagement_max)}`);
  if (f.platform?.length) c.push(sql`p.platforms && array[${sql.join(f.platform.map((p) => sql`${p}`), sql`, `)}]::discovery_platform[]`);
  if (f.niche) c.push(sql`p.niche_keys @> array[tally_normalize(${f.niche})]`);
  if (f.location) c.push(sql`p.location_keys @> array[tally_normalize(${f.location})]`);
  const a = audienceConditions(f);
  if (a && audience !== "omit") {
    c.push(sql`exists (select 1 from discovery_audience_locations a where a.profile_id = p.id and ${and(a)}${audience === "row" ? sql` offset 0` : sql``})`);
  }
  return c;
}

/** All of the conditions (true when there are none). */
export function and(conditions: SQL[]): SQL {
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}
