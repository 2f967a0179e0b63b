import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "@/db/client";
import type { DiscoveryAudience } from "@/db/schema/discovery";
import { AppError } from "@/lib/api/app-error";
import { decodeJsonCursor, encodeJsonCursor } from "@/lib/api/v1/pagination";
import { escapeLike, queryWords, type DiscoverySort, type TDiscoverySearch } from "./search-filters";

/** A profile as a workspace sees it: the contact email only once the workspace has unlocked it. */
export type DiscoveryCreator = {
  id: string;
  platforms: ("instagram" | "tiktok" | "youtube")[];
  handle: string;
  displayName: string;
  bio: string;
  niches: string[];
  followers: number;
  engagementRateBps: number;
  city: string | null;
  region: string | null;
  country: string | null;
  audience: DiscoveryAudience;
  email: string | null;
  unlockedAt: Date | null;
};

type Row = {
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

export function toDiscoveryCreator(r: Row): DiscoveryCreator {
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

const like = (column: SQL, word: string) => sql`${column} like '%' || tally_normalize(${escapeLike(word)}) || '%'`;
const pct = (percent: number) => Math.round(percent * 100);

/** Every filter but the free text, as conditions on `p` (discovery_profiles). */
function filterConditions(f: TDiscoverySearch): SQL[] {
  const c: SQL[] = [];
  if (f.audience_location) {
    const audience = [sql`a.name_norm = tally_normalize(${f.audience_location})`];
    if (f.audience_location_type) audience.push(sql`a.kind = ${f.audience_location_type}`);
    if (f.audience_min_share !== undefined && f.audience_min_share > 0) audience.push(sql`a.share_bps >= ${pct(f.audience_min_share)}`);
    // The follower range again inside the audience index: it narrows the ids before any profile is read.
    if (f.followers_min !== undefined) audience.push(sql`a.followers >= ${f.followers_min}`);
    if (f.followers_max !== undefined) audience.push(sql`a.followers <= ${f.followers_max}`);
    c.push(sql`p.id in (select a.profile_id from discovery_audience_locations a where ${sql.join(audience, sql` and `)})`);
  }
  if (f.location) c.push(sql`p.location_keys @> array[tally_normalize(${f.location})]`);
  if (f.niche) c.push(sql`p.niche_keys @> array[tally_normalize(${f.niche})]`);
  if (f.platform?.length) c.push(sql`p.platforms && array[${sql.join(f.platform.map((p) => sql`${p}`), sql`, `)}]::discovery_platform[]`);
  if (f.followers_min !== undefined) c.push(sql`p.followers >= ${f.followers_min}`);
  if (f.followers_max !== undefined) c.push(sql`p.followers <= ${f.followers_max}`);
  if (f.engagement_min !== undefined) c.push(sql`p.engagement_rate_bps >= ${pct(f.engagement_min)}`);
  if (f.engagement_max !== undefined) c.push(sql`p.engagement_rate_bps <= ${pct(f.engagement_max)}`);
  return c;
}

const ZCursor = z.object({ s: z.enum(["relevance", "followers", "engagement"]), t: z.number().int().min(0).max(1), v: z.number().int(), id: z.string().max(40) });
type Cursor = z.infer<typeof ZCursor>;

export function decodeDiscoveryCursor(cursor: string, sort: DiscoverySort): Cursor {
  const c = decodeJsonCursor(cursor, ZCursor);
  if (c.s !== sort) throw new AppError("bad_request", "This cursor belongs to another sort order: start again without `cursor`.");
  return c;
}

const and = (conditions: SQL[]) => (conditions.length ? sql.join(conditions, sql` and `) : sql`true`);

/**
 * One page of the discovery search, best first, with a keyset cursor.
 *
 * Orders: `followers` and `engagement` — descending, ties by id. `relevance` with words — profiles
 * whose handle or display name contain every word first, then those where the words are anywhere
 * (bio, niches, locations, audience places), each tier by followers; without words it is `followers`.
 * Each tier is its own query ordered by an indexed column with a LIMIT, so Postgres either walks the
 * followers index until the page is full (common words) or reads the few trigram matches (rare ones);
 * no query sorts every match.
 */
export type SearchInput = { workspaceId: string; filters: TDiscoverySearch; limit: number; cursor?: string | undefined };

/** The page query (exported so that the benchmark can EXPLAIN exactly what runs). */
export function searchQuery(input: SearchInput): SQL {
  const f = input.filters;
  const words = queryWords(f.q);
  const sort: DiscoverySort = f.sort;
  const after = input.cursor ? decodeDiscoveryCursor(input.cursor, sort) : undefined;
  const key = sort === "engagement" ? sql`p.engagement_rate_bps` : sql`p.followers`;
  const base = filterConditions(f);
  const take = input.limit + 1;
  const keyset = (tier: number): SQL[] => {
    if (!after || after.t !== tier) return [];
    return [sql`(${key}, p.id) < (${after.v}, ${after.id})`];
  };
  const arm = (tier: number, conditions: SQL[]) => sql`(
    select p.id, ${key} as sort_value, ${tier}::int as tier from discovery_profiles p
    where ${and([...conditions, ...keyset(tier)])}
    order by ${key} desc, p.id desc limit ${take})`;

  let page: SQL;
  if (sort === "relevance" && words.length > 0) {
    const inName = words.map((w) => like(sql`p.name_norm`, w));
    const anywhere = words.map((w) => like(sql`p.search_norm`, w));
    const arms: SQL[] = [];
    if (!after || after.t === 0) arms.push(arm(0, [...base, ...inName]));
    arms.push(arm(1, [...base, ...anywhere, sql`not (${and(inName)})`]));
    page = sql.join(arms, sql` union all `);
  } else {
    page = arm(0, [...base, ...words.map((w) => like(sql`p.search_norm`, w))]);
  }
  return sql`with page as (select * from (${page}) arms order by tier, sort_value desc, id desc limit ${take})
    select page.sort_value, page.tier, ${creatorColumns(input.workspaceId)}
    join page on page.id = p.id
    order by page.tier, page.sort_value desc, page.id desc`;
}

/**
 * One page of the discovery search, best first, with a keyset cursor.
 *
 * Orders: `followers` and `engagement` — descending, ties by id. `relevance` with words — profiles
 * whose handle or display name contain every word first, then those where the words are anywhere
 * (bio, niches, locations, audience places), each tier by followers; without words it is `followers`.
 * Each tier is its own query ordered by an indexed column with a LIMIT, so Postgres either walks the
 * followers index until the page is full (common words) or reads the few trigram matches (rare ones);
 * no query sorts every match.
 */
export async function searchDiscoveryCreators(db: Db, input: SearchInput): Promise<{ creators: DiscoveryCreator[]; nextCursor: string | null }> {
  const rows = await queryRows<Row & { sort_value: number; tier: number }>(db, searchQuery(input));
  const more = rows.length > input.limit;
  const shown = rows.slice(0, input.limit);
  const last = shown[shown.length - 1];
  return {
    creators: shown.map(toDiscoveryCreator),
    nextCursor: more && last ? encodeJsonCursor({ s: input.filters.sort, t: Number(last.tier), v: Number(last.sort_value), id: last.id } satisfies Cursor) : null,
  };
}

export const COUNT_CAP = 1000;

/** How many profiles match, counted up to COUNT_CAP (the page says "1,000+" beyond). */
export function countQuery(filters: TDiscoverySearch): SQL {
  const conditions = [...filterConditions(filters), ...queryWords(filters.q).map((w) => like(sql`p.search_norm`, w))];
  return sql`select count(*)::int as n from (select 1 from discovery_profiles p where ${and(conditions)} limit ${COUNT_CAP + 1}) t`;
}

export async function countDiscoveryCreators(db: Db, filters: TDiscoverySearch): Promise<{ count: number; capped: boolean }> {
  const [row] = await queryRows<{ n: number }>(db, countQuery(filters));
  const n = Number(row?.n ?? 0);
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}
