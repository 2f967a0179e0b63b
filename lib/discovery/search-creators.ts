import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";
import { encodeJsonCursor } from "@/lib/json-cursor";
import { creatorColumns, toDiscoveryCreator, type DiscoveryCreator, type DiscoveryCreatorRow } from "./discovery-creator";
import { decodeDiscoveryCursor, type DiscoveryCursor } from "./discovery-cursor";
import { and, audienceConditions, filterConditions, like, pct } from "./search-conditions";
import { queryWords, type DiscoverySort, type TDiscoverySearch } from "./search-filters";

export type SearchInput = {
  workspaceId: string;
  filters: TDiscoverySearch;
  limit: number;
  cursor?: string | undefined;
  /** Tests shrink the walk window to drive the collecting path on a small data set. */
  window?: number | undefined;
  /** Tests shrink the collection cap (COLLECT_CAP) the same way. */
  collectCap?: number | undefined;
};

/**
 * How many candidates, best-first by the sort key, a walk reads. If they hold a full page of
 * matches, that page is exactly the best of all matches (every candidate outside the window ranks
 * lower); if not, the matches are rare among the best candidates and are collected through the
 * filters' indexes (trigram, niche, location, audience) and sorted instead.
 */
export const SEARCH_WINDOW = 5000;
/** A walk that found some matches but not a page grows (sized by their density) up to this factor. */
export const WALK_GROWTH = 4;
/** The name tier first collects up to this many matches (cheap when names rarely match). */
export const COLLECT_FIRST_CAP = 300;
/**
 * Every collection is capped: at most this many matches are read and sorted. A combination with more
 * matches than this that are also rare among the best candidates (the walk found too few) is ranked
 * among the first COLLECT_CAP matches the indexes yield, not among all of them: an unbounded
 * collection read up to 79,000 rows for one page (p99 1.16 s over HTTP at 1 M profiles).
 */
export const COLLECT_CAP = 3000;

type Tier = {
  tier: number;
  /** All conditions, for collecting (audience as a semi-join). */
  conditions: SQL[];
  /** The same, for testing one profile at a time, cheapest first. */
  perRow: SQL[];
  /** The same without the audience filter (a walk over audience candidates has ensured it). */
  perAudienceRow: SQL[];
  /** Try a small capped collection first (tiers of usually few matches, read through an index). */
  collectFirst: boolean;
};
type Hit = { id: string; sort_value: number; tier: number };

/**
 * The best `take` matches of one tier, in order, from bounded statements rather than one whose plan
 * Postgres must guess: its choice between "walk the sort index and filter" and "collect the
 * matches and sort them" rests on selectivity estimates, and a wrong guess (walking 1,000,000
 * profiles for a rare word, or collecting 40,000 audience matches to keep 25) costs seconds.
 * - walk: take the first SEARCH_WINDOW candidates in sort order — from the followers / engagement
 *   index, or, with an audience filter and a followers order, from the audience index (index-only:
 *   it holds followers) — and test them one by one; the LIMIT stops at a full page. A walk that
 *   found some matches but not a page walks again, further, sized by the density it saw (at most
 *   WALK_GROWTH × SEARCH_WINDOW candidates).
 * - collect (no match among the walked candidates, or too few): the matches through the filters'
 *   indexes, at most COLLECT_CAP of them, sorted; sequential scans are switched off.
 * `collectFirst` (the name tier: short strings, usually few matches) first tries a collection
 * capped at COLLECT_FIRST_CAP matches.
 */
async function bestOfTier(
  db: Db,
  input: { key: SQL; keyRange: SQL[]; keyset: (k: SQL, id: SQL) => SQL[]; tier: Tier; take: number; collectFirst: boolean; audience: SQL[] | null; window: number; collectCap: number; trace?: SQL[] | undefined },
): Promise<Hit[]> {
  const { key, tier, take } = input;
  const where = and([...tier.conditions, ...input.keyset(key, sql`p.id`)]);
  const collect = async (cap: number, partial: "refuse" | "accept") => {
    // One pass that also says whether the cap was reached (then the collection is incomplete:
    // refused, or — the last resort — ranked as it is).
    const statement = sql`with m as materialized (
            select p.id, ${key} as sort_value, ${tier.tier}::int as tier from discovery_profiles p where ${where} limit ${cap})
          select id, sort_value, tier, (select count(*) from m)::int as n from m order by sort_value desc, id desc limit ${take}`;
    input.trace?.push(statement);
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      // Enough memory for exact (not lossy) bitmaps of common trigrams: fewer rows rechecked.
      await tx.execute(sql`set local work_mem = '32MB'`);
      return queryRows<Hit & { n: number }>(tx as unknown as Db, statement);
    });
    if (partial === "refuse" && rows.length > 0 && Number(rows[0]!.n) >= cap) return null;
    return rows.map(({ id, sort_value, tier }) => ({ id, sort_value, tier }));
  };
  if (input.collectFirst) {
    const collected = await collect(COLLECT_FIRST_CAP, "refuse");
    if (collected) return collected;
  }

  const maxWalk = input.window * WALK_GROWTH;
  // One walk over the first `size` candidates in sort order.
  const walkOver = (size: number): { window: SQL; walk: SQL } => {
    if (input.audience) {
      // The audience index streams the place's profiles by followers, best first (index-only;
      // DISTINCT ON folds a profile listed under two kinds of place, e.g. New York city and state).
      const window = sql`select distinct on (a.followers, a.profile_id) a.profile_id as id, a.followers as k
        from discovery_audience_locations a
        where ${and([...input.audience, ...input.keyset(sql`a.followers`, sql`a.profile_id`)])}
        order by a.followers desc, a.profile_id desc limit ${size}`;
      // OFFSET 0 keeps the lateral subquery a per-candidate primary-key lookup, in the window's order.
      const walk = sql`select h.id, h.sort_value, h.tier from (${window}) w
        cross join lateral (
          select p.id, p.followers as sort_value, ${tier.tier}::int as tier from discovery_profiles p
          where p.id = w.id and ${and(tier.perAudienceRow)} offset 0) h
        order by w.k desc, w.id desc limit ${take}`;
      return { window, walk };
    }
    const windowWhere = and([...input.keyRange, ...input.keyset(key, sql`p.id`)]);
    const window = sql`select p.id from discovery_profiles p where ${windowWhere} order by ${key} desc, p.id desc limit ${size}`;
    // The test is a computed column, so Postgres cannot reorder it; LIMIT stops at a full page.
    const walk = sql`select id, sort_value, tier from (
        select p.id, ${key} as sort_value, ${tier.tier}::int as tier, (${and(tier.perRow)}) as hit
        from discovery_profiles p where ${windowWhere}
        order by ${key} desc, p.id desc limit ${size}) w
      where hit limit ${take}`;
    return { window, walk };
  };

  let size = input.window;
  for (;;) {
    const { window, walk } = walkOver(size);
    input.trace?.push(walk);
    const walked = await queryRows<Hit>(db, walk);
    if (walked.length >= take) return walked;
    // Did the window hold every candidate (then the walk saw them all)?
    const [seen] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${window}) t`);
    if (Number(seen?.n ?? 0) < size) return walked;
    // Some matches: walk further when, at the density seen so far, a page is near (within
    // WALK_GROWTH × the window). Sparser matches are collected: collecting costs about one row read
    // per match, walking one per candidate, and below ~1 match in 200 candidates collecting wins.
    const needed = Math.ceil(((take * size) / Math.max(1, walked.length)) * 1.25);
    if (walked.length === 0 || needed > maxWalk || needed <= size) break;
    size = needed;
  }
  return (await collect(input.collectCap, "accept")) ?? [];
}

/**
 * One page of the discovery search, best first, with a keyset cursor.
 *
 * Orders: `followers` and `engagement` — descending, ties by id. `relevance` with words — profiles
 * whose handle or display name contain every word first, then creators based exactly in the place
 * the words name (city, region or country), then those where the words are anywhere (bio, niches,
 * locations, audience places), each tier by followers; without words it is `followers`.
 * `trace` collects the statements that ran (the benchmark EXPLAINs them).
 */
export async function searchDiscoveryCreators(
  db: Db,
  input: SearchInput & { trace?: SQL[] },
): Promise<{ creators: DiscoveryCreator[]; nextCursor: string | null }> {
  const f = input.filters;
  const words = queryWords(f.q);
  const sort: DiscoverySort = f.sort;
  const after = input.cursor ? decodeDiscoveryCursor(input.cursor, sort) : undefined;
  const key = sort === "engagement" ? sql`p.engagement_rate_bps` : sql`p.followers`;
  const keyRange: SQL[] =
    sort === "engagement"
      ? [
          ...(f.engagement_min !== undefined ? [sql`p.engagement_rate_bps >= ${pct(f.engagement_min)}`] : []),
          ...(f.engagement_max !== undefined ? [sql`p.engagement_rate_bps <= ${pct(f.engagement_max)}`] : []),
        ]
      : [
          ...(f.followers_min !== undefined ? [sql`p.followers >= ${f.followers_min}`] : []),
          ...(f.followers_max !== undefined ? [sql`p.followers <= ${f.followers_max}`] : []),
        ];
  const set = filterConditions(f, "set");
  const row = filterConditions(f, "row");
  const omit = filterConditions(f, "omit");
  // With an audience filter and a followers order, walk the place's audience rows (they hold followers).
  const audience = sort !== "engagement" ? audienceConditions(f) : null;
  const take = input.limit + 1;

  const tiers: Tier[] = [];
  if (sort === "relevance" && words.length > 0) {
    const inName = words.map((w) => like(sql`p.name_norm`, w));
    // The whole query is the creator's own city, region or country ("Los Angeles"): an exact place
    // (discovery_profiles_location_keys_idx), ranked above text that merely contains the words.
    const atPlace = sql`p.location_keys @> array[tally_normalize(${words.join(" ")})]`;
    const place = [atPlace, sql`not (${and(inName)})`];
    const anywhere = [...words.map((w) => like(sql`p.search_norm`, w)), sql`not (${and(inName)})`, sql`not (${atPlace})`];
    tiers.push({ tier: 0, conditions: [...set, ...inName], perRow: [...row, ...inName], perAudienceRow: [...omit, ...inName], collectFirst: true });
    tiers.push({ tier: 1, conditions: [...set, ...place], perRow: [...row, ...place], perAudienceRow: [...omit, ...place], collectFirst: true });
    tiers.push({ tier: 2, conditions: [...set, ...anywhere], perRow: [...row, ...anywhere], perAudienceRow: [...omit, ...anywhere], collectFirst: false });
  } else {
    const anywhere = words.map((w) => like(sql`p.search_norm`, w));
    tiers.push({ tier: 0, conditions: [...set, ...anywhere], perRow: [...row, ...anywhere], perAudienceRow: [...omit, ...anywhere], collectFirst: false });
  }

  const hits: Hit[] = [];
  for (const tier of tiers) {
    if (after && tier.tier < after.t) continue;
    if (hits.length >= take) break;
    const keyset = (k: SQL, id: SQL) => (after && after.t === tier.tier ? [sql`(${k}, ${id}) < (${after.v}, ${after.id})`] : []);
    hits.push(
      ...(await bestOfTier(db, { key, keyRange, keyset, tier, take: take - hits.length, collectFirst: tier.collectFirst, audience, window: input.window ?? SEARCH_WINDOW, collectCap: input.collectCap ?? COLLECT_CAP, trace: input.trace })),
    );
  }
  const more = hits.length > input.limit;
  const shown = hits.slice(0, input.limit);
  let creators: DiscoveryCreator[] = [];
  if (shown.length) {
    const details = sql`select ${creatorColumns(input.workspaceId)} where p.id in (${sql.join(shown.map((h) => sql`${h.id}`), sql`, `)})`;
    input.trace?.push(details);
    const byId = new Map((await queryRows<DiscoveryCreatorRow>(db, details)).map((r) => [r.id, toDiscoveryCreator(r)]));
    creators = shown.flatMap((h) => byId.get(h.id) ?? []);
  }
  const last = shown[shown.length - 1];
  return {
    creators,
    nextCursor: more && last ? encodeJsonCursor({ s: sort, t: Number(last.tier), v: Number(last.sort_value), id: last.id } satisfies DiscoveryCursor) : null,
  };
}
