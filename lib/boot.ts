import { getDb } from "@/db/client";
import { appUrl, env } from "@/lib/env";

/**
 * Runs once when a server process starts (instrumentation.ts): opens and migrates the database,
 * and in demo mode seeds the demo workspace on an empty database.
 */
export async function boot(): Promise<void> {
  const db = await getDb();
  if (env().TALLY_DEMO === "1") {
    const { seedDemo, demoBanner } = await import("@/lib/demo/seed-demo");
    const result = await seedDemo(db);
    if (result.created) console.log(demoBanner(appUrl()));
  }
}
