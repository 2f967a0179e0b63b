/**
 * Run by `npm run dev` before the dev server starts: places the embedded database, migrates it,
 * creates the development secrets and the demo (accounts, store, campaign, orders).
 *
 * `.data` is a link to a directory outside the project (`~/.local/share/tally/<hash of this folder>`):
 * Postgres creates files in its data directory as it runs (relation caches, free-space maps), and
 * `next dev` (Turbopack) watches the whole project with no way to exclude a path in Next 16.4 — files
 * appearing inside it make open pages reload over and over. `rm -rf .data` still starts over.
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

function placeDataDirectory() {
  if (process.env.TALLY_DATA_DIR || process.env.DATABASE_URL) return;
  const link = path.resolve(".data");
  if (existsSync(link) || (() => { try { return lstatSync(link).isSymbolicLink(); } catch { return false; } })()) return;
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share");
  const target = path.join(base, "tally", createHash("sha1").update(process.cwd()).digest("hex").slice(0, 12));
  rmSync(target, { recursive: true, force: true }); // `.data` was removed: start over
  mkdirSync(target, { recursive: true });
  symlinkSync(target, link, "dir");
  console.log(`[dev] embedded database: .data -> ${target}`);
}
placeDataDirectory();
// The demo store is new: there is nothing to backfill, and this process exits right after seeding.
process.env.TALLY_DISABLE_AUTO_BACKFILL ??= "1";

const { closeDb, getDb } = await import("@/db/client");
const { authSecret, encryptionKey, appUrl, env } = await import("@/lib/env");
const { demoBanner, seedDemo } = await import("@/lib/demo/seed-demo");
const { seedDemoStore } = await import("@/lib/demo/seed-demo-store");
const { seedDiscoveryDemo } = await import("@/lib/demo/seed-discovery-demo");

authSecret();
encryptionKey();
const db = await getDb();
if (process.env.TALLY_DEMO !== "0") {
  const result = await seedDemo(db);
  const simulatorOrigin = env().SHOPIFY_ADMIN_ORIGIN;
  if (simulatorOrigin && result.workspaceId) await seedDemoStore(db, { simulatorOrigin, workspaceId: result.workspaceId });
  const discovery = await seedDiscoveryDemo(db);
  if (discovery) console.log(`[dev] creator discovery: ${discovery} demo profiles`);
  if (result.created) console.log(demoBanner(appUrl()));
}
await closeDb();
