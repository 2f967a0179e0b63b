import type { Db } from "@/db/client";
import { discoveryAudienceLocations, discoveryProfiles } from "@/db/schema";
import type { GeneratedProfile } from "./generate-profiles";

/**
 * Writes discovery profiles and their audience-location rows together (one transaction per call),
 * in batches. For the demo, tests and PGlite; `npm run discovery:seed` uses COPY on Postgres instead.
 */
export async function insertDiscoveryProfiles(db: Db, profiles: GeneratedProfile[], batchSize = 500): Promise<number> {
  await db.transaction(async (tx) => {
    for (let i = 0; i < profiles.length; i += batchSize) {
      const batch = profiles.slice(i, i + batchSize);
      await tx.insert(discoveryProfiles).values(batch);
      await tx.insert(discoveryAudienceLocations).values(
        batch.flatMap((p) =>
          p.audience.locations.map((l) => ({ profileId: p.id, kind: l.kind, name: l.name, shareBps: l.share_bps, followers: p.followers })),
        ),
      );
    }
  });
  return profiles.length;
}
