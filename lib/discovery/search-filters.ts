import { z } from "zod";
import { validationError } from "@/lib/errors";

export const DISCOVERY_SORTS = ["relevance", "followers", "engagement"] as const;
export type DiscoverySort = (typeof DISCOVERY_SORTS)[number];
export const DISCOVERY_PLATFORMS = ["instagram", "tiktok", "youtube"] as const;
export type DiscoveryPlatform = (typeof DISCOVERY_PLATFORMS)[number];
export const AUDIENCE_LOCATION_TYPES = ["city", "region", "country"] as const;

const text = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional();
const count = z.coerce.number({ invalid_type_error: "Enter a number." }).int("Enter a whole number.").min(0).max(2_000_000_000).optional();
const percent = z.coerce.number({ invalid_type_error: "Enter a percentage." }).min(0, "At least 0 %.").max(100, "At most 100 %.").optional();

/**
 * Search filters, as query parameters (the brand portal's search form and GET /api/v1/discovery/creators
 * use the same names). Text is compared case- and accent-insensitively in SQL. Percentages are
 * numbers of percent (2.5 = 2.5 %).
 */
export const ZDiscoverySearchFields = z.object({
  // Text is found through trigram indexes, which need three letters or digits in a row.
  q: text(200)
    .refine((q) => !q || /[\p{L}\p{N}]{3}/u.test(q), "Type at least one word of three or more letters or digits.")
    .describe("Free text: every word must appear in the handle, name, bio, niches, location or audience places."),
  audience_location: text(120).describe("A city, region or country where the audience is (exact name, any case or accents)."),
  audience_location_type: z
    .preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(AUDIENCE_LOCATION_TYPES).optional())
    .describe("Restrict `audience_location` to one kind of place."),
  audience_min_share: percent.describe("Minimum share of the audience in that place, in percent."),
  location: text(120).describe("The creator's own city, region or country."),
  platform: z.preprocess(
    (v) => (typeof v === "string" ? v.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean) : v),
    z.array(z.enum(DISCOVERY_PLATFORMS, { errorMap: () => ({ message: "Use instagram, tiktok or youtube." }) })).max(3).optional(),
  ),
  followers_min: count,
  followers_max: count,
  engagement_min: percent.describe("Minimum engagement rate, percent."),
  engagement_max: percent.describe("Maximum engagement rate, percent."),
  niche: text(60).describe("A niche / category (exact label, any case or accents), e.g. `beauty`."),
  sort: z.preprocess((v) => (typeof v === "string" ? v.toLowerCase() : v), z.enum(DISCOVERY_SORTS).default("relevance")),
});

export const ZDiscoverySearch = ZDiscoverySearchFields
  .refine((f) => f.followers_min === undefined || f.followers_max === undefined || f.followers_min <= f.followers_max, {
    message: "The minimum is above the maximum.",
    path: ["followers_min"],
  })
  .refine((f) => f.engagement_min === undefined || f.engagement_max === undefined || f.engagement_min <= f.engagement_max, {
    message: "The minimum is above the maximum.",
    path: ["engagement_min"],
  });
export type TDiscoverySearch = z.output<typeof ZDiscoverySearch>;

export const SEARCH_PARAM_NAMES = [
  "q", "audience_location", "audience_location_type", "audience_min_share", "location", "platform",
  "followers_min", "followers_max", "engagement_min", "engagement_max", "niche", "sort",
] as const;

/** Reads the filters from query parameters; empty fields (an HTML form's blanks) count as absent. */
export function parseDiscoverySearch(params: URLSearchParams | Record<string, string | string[] | undefined>): TDiscoverySearch {
  const raw: Record<string, string> = {};
  const get = (name: string) => {
    if (params instanceof URLSearchParams) return params.getAll(name);
    const v = params[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  for (const name of SEARCH_PARAM_NAMES) {
    const values = get(name).map((v) => v.trim()).filter((v) => v !== "");
    if (values.length) raw[name] = values.join(",");
  }
  const parsed = ZDiscoverySearch.safeParse(raw);
  if (!parsed.success) {
    // "platform.1" → "platform": name the query parameter the user sent.
    throw validationError(parsed.error.issues.map((i) => ({ ...i, path: i.path.slice(0, 1) })), "Some search filters are invalid.");
  }
  return parsed.data;
}

/** The words of a free-text query: each must appear somewhere (AND); a leading @ of a handle is ignored. */
export function queryWords(q: string | undefined): string[] {
  if (!q) return [];
  return q
    .split(/\s+/)
    .map((w) => w.replace(/^@+/, ""))
    .filter((w) => w.length > 0)
    .slice(0, 8);
}

/** Escapes LIKE's wildcards so that a user's % or _ is matched literally. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
