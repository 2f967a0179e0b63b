import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import * as schema from "./schema";
import { DATA_DIR, env } from "@/lib/env";

/**
 * The one database handle. Postgres (postgres.js) when DATABASE_URL is set; otherwise embedded
 * PGlite in `.data/pglite` (or `PGLITE_DIR`, `memory://` for an in-memory database).
 * Both speak the same schema and migrations; code only ever sees `Db`.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export const MIGRATIONS_FOLDER = path.resolve(/*turbopackIgnore: true*/ import.meta.dirname ?? "db", "migrations");

type Handle = { db: Db; kind: "postgres" | "pglite"; close: () => Promise<void>; ready: Promise<void> };

const globalForDb = globalThis as unknown as { __tallyDb?: Handle };

function migrationsFolder(): string {
  // import.meta.dirname is undefined once bundled by Next; fall back to the project root.
  const candidates = [MIGRATIONS_FOLDER, path.resolve(/*turbopackIgnore: true*/ process.cwd(), "db/migrations")];
  return candidates.find((c) => existsSync(path.join(c, "meta/_journal.json"))) ?? candidates[1]!;
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, {
    onnotice: () => {},
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    idle_timeout: 30,
  });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  const ready = (async () => {
    if (process.env.TALLY_SKIP_MIGRATE) return;
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // One instance migrates at a time; the others wait on the lock and find nothing to do.
    const lock = await client.reserve();
    try {
      await lock`select pg_advisory_lock(727274)`;
      await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder: migrationsFolder() });
    } finally {
      await lock`select pg_advisory_unlock(727274)`;
      lock.release();
    }
  })();
  return { db, kind: "postgres", close: () => client.end({ timeout: 5 }), ready };
}

function assertFolderFree(dir: string) {
  const pidFile = `${dir}.pid`;
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, "utf8"));
    let alive = false;
    if (pid && pid !== process.pid) {
      try {
        process.kill(pid, 0);
        alive = true;
      } catch {
        alive = false;
      }
    }
    if (alive) {
      throw new Error(
        `The embedded database in ${dir} is open in another process (pid ${pid}). ` +
          "PGlite cannot be shared between processes: stop that process, or set DATABASE_URL to use a Postgres server.",
      );
    }
  }
  mkdirSync(path.dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, String(process.pid));
  const release = () => {
    try {
      if (readFileSync(pidFile, "utf8") === String(process.pid)) rmSync(pidFile);
    } catch {
      /* already gone */
    }
  };
  process.once("exit", release);
}

/** The Postgres extensions the migrations create (creator discovery: trigram indexes, accent folding). */
export async function pgliteExtensions() {
  const [{ pg_trgm }, { unaccent }] = await Promise.all([
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite/contrib/unaccent"),
  ]);
  return { pg_trgm, unaccent };
}

async function openPglite(dir: string): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const inMemory = dir.startsWith("memory://");
  if (!inMemory) assertFolderFree(dir);
  const extensions = await pgliteExtensions();
  const client = inMemory ? new PGlite({ extensions }) : new PGlite(dir, { extensions });
  const db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;
  const ready = (async () => {
    await client.waitReady;
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder: migrationsFolder() });
  })();
  return { db, kind: "pglite", close: () => client.close(), ready };
}

function open(): Promise<Handle> {
  const url = env().DATABASE_URL;
  if (url) return openPostgres(url);
  return openPglite(env().PGLITE_DIR ?? path.join(DATA_DIR, "pglite"));
}

let opening: Promise<Handle> | undefined;

async function handle(): Promise<Handle> {
  if (globalForDb.__tallyDb) return globalForDb.__tallyDb;
  opening ??= open().then(async (h) => {
    await h.ready;
    globalForDb.__tallyDb = h;
    return h;
  });
  try {
    return await opening;
  } catch (error) {
    opening = undefined;
    throw error;
  }
}

/** The migrated database. Cheap after the first call. */
export async function getDb(): Promise<Db> {
  return (await handle()).db;
}

export async function databaseKind(): Promise<"postgres" | "pglite"> {
  return (await handle()).kind;
}

export async function closeDb(): Promise<void> {
  const h = globalForDb.__tallyDb;
  globalForDb.__tallyDb = undefined;
  opening = undefined;
  if (h) await h.close();
}

/** Rows of a raw query on either driver (PGlite answers `{ rows }`, postgres.js an array). */
export async function queryRows<T extends Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/**
 * Rows of a raw query in batches, for exports that must not hold a whole result in memory.
 * On Postgres a server-side cursor (postgres.js `cursor`) fetches `batchSize` rows at a time; the
 * embedded PGlite (single-user development) has no cursors here, so it reads the result at once.
 */
export async function* streamRows<T extends Record<string, unknown>>(db: Db, query: ReturnType<typeof sql>, batchSize = 1000): AsyncGenerator<T[]> {
  const h = await handle();
  if (h.kind === "pglite" || h.db !== db) {
    const rows = await queryRows<T>(db, query);
    for (let i = 0; i < rows.length; i += batchSize) yield rows.slice(i, i + batchSize);
    return;
  }
  const inner = db as unknown as { $client: import("postgres").Sql; dialect: { sqlToQuery: (q: ReturnType<typeof sql>) => { sql: string; params: unknown[] } } };
  const { sql: text, params } = inner.dialect.sqlToQuery(query);
  const cursor = inner.$client.unsafe<T[]>(text, params as never[]).cursor(batchSize);
  for await (const batch of cursor) yield batch as unknown as T[];
}
