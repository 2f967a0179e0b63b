/**
 * Run by `npm run dev` before the dev server starts: places the embedded database (see
 * place-data-directory.ts), migrates it, creates the development secrets and the demo sign-ins.
 * The demo store (campaign, clicks, orders) is seeded by `npm run tally -- demo:seed` once the app
 * answers, so that its webhooks are delivered on the first attempt.
 */
import { placeDataDirectory } from "./place-data-directory";

placeDataDirectory();

const { closeDb, getDb } = await import("@/db/client");
const { authSecret, encryptionKey } = await import("@/lib/env");
const { seedDemo } = await import("@/lib/demo/seed-demo");
const { seedDiscoveryDemo } = await import("@/lib/demo/seed-discovery-demo");

authSecret();
encryptionKey();
const db = await getDb();
if (process.env.TALLY_DEMO !== "0") {
  await seedDemo(db);
  const discovery = await seedDiscoveryDemo(db);
  if (discovery) console.log(`[dev] creator discovery: ${discovery} demo profiles`);
}
await closeDb();
