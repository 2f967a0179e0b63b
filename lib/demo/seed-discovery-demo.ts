import { count } from "drizzle-orm";
import type { Db } from "@/db/client";
import { discoveryProfiles } from "@/db/schema";
import { generateProfile } from "@/lib/discovery/generate-profiles";
import { insertDiscoveryProfiles } from "@/lib/discovery/insert-profiles";

export const DEMO_DISCOVERY_PROFILES = 2000;

/**
 * A small creator-discovery database for the demo (the generator's realistic mix: Los Angeles and
 * "Los Ángeles" audiences, accented names and places). Does nothing when profiles exist already
 * (a seeded million, or an earlier demo run).
 */
export async function seedDiscoveryDemo(db: Db, howMany = DEMO_DISCOVERY_PROFILES): Promise<number> {
  const [row] = await db.select({ n: count() }).from(discoveryProfiles);
  if (Number(row?.n ?? 0) > 0) return 0;
  const profiles = Array.from({ length: howMany }, (_, i) => generateProfile(7, i));
  return insertDiscoveryProfiles(db, profiles);
}
