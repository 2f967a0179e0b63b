import { foldText } from "@/lib/fold-text";
import type { DiscoverCard } from "./discovery-card";

export type MatchedField = "name" | "handle" | "bio" | "niches" | "location" | "audience";

export const MATCHED_FIELD_LABEL: Record<MatchedField, string> = {
  name: "name",
  handle: "handle",
  bio: "bio",
  niches: "niche",
  location: "location",
  audience: "audience places",
};

/**
 * The fields of a result where the search words appear (case and accents ignored, as the search
 * itself compares): what the card highlights, so a brand sees why a creator matched.
 */
export function matchedFields(
  c: Pick<DiscoverCard, "displayName" | "handle" | "bio" | "niches" | "city" | "region" | "country"> & { audience: { locations: { name: string }[] } },
  words: string[],
): MatchedField[] {
  const folded = words.map((w) => foldText(w.replace(/^@+/, ""))).filter(Boolean);
  if (folded.length === 0) return [];
  const has = (text: string) => folded.some((w) => foldText(text).includes(w));
  const fields: [MatchedField, string][] = [
    ["name", c.displayName],
    ["handle", c.handle],
    ["bio", c.bio],
    ["niches", c.niches.join(" ")],
    ["location", [c.city, c.region, c.country].filter(Boolean).join(" ")],
    ["audience", c.audience.locations.map((l) => l.name).join(" ")],
  ];
  return fields.filter(([, text]) => has(text)).map(([field]) => field);
}
