/**
 * `.data` is a link to a directory outside the project (`~/.local/share/tally/<hash of this folder>`):
 * Postgres creates files in its data directory as it runs (relation caches, free-space maps), the
 * Shopify simulator saves its store there, and `next dev` (Turbopack) watches the whole project with
 * no way to exclude a path in Next 16.4 — files appearing inside it make open pages reload over and
 * over. `rm -rf .data` still starts over. With DATABASE_URL (no embedded database) the same outside
 * directory is used without the link.
 */
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

function outsideDirectory(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(os.homedir(), ".local", "share");
  return path.join(base, "tally", createHash("sha1").update(process.cwd()).digest("hex").slice(0, 12));
}

/** Places `.data` (embedded database) and returns the directory where development state lives. */
export function placeDataDirectory(): string {
  if (process.env.TALLY_DATA_DIR) return path.resolve(process.env.TALLY_DATA_DIR);
  const target = outsideDirectory();
  if (process.env.DATABASE_URL) {
    mkdirSync(target, { recursive: true });
    return target;
  }
  const link = path.resolve(".data");
  const isLink = (() => {
    try {
      return lstatSync(link).isSymbolicLink();
    } catch {
      return false;
    }
  })();
  if (existsSync(link) || isLink) return existsSync(link) ? realpathSync(link) : link;
  rmSync(target, { recursive: true, force: true }); // `.data` was removed: start over
  mkdirSync(target, { recursive: true });
  symlinkSync(target, link, "dir");
  console.log(`[dev] embedded database: .data -> ${target}`);
  return target;
}
