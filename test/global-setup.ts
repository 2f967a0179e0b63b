import postgres from "postgres";

/**
 * Vitest global setup. With DATABASE_URL (a Postgres server), creates a fresh database for this run,
 * migrates it once, and points every worker at it; the database is dropped afterwards. Without it,
 * each worker uses its own in-memory PGlite.
 */
export default async function setup() {
  const base = process.env.DATABASE_URL;
  if (!base) {
    process.env.PGLITE_DIR = "memory://";
    return;
  }
  const name = `tally_vitest_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { onnotice: () => {}, max: 1 });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.TALLY_TEST_BASE_DATABASE_URL = base;

  const { getDb, closeDb } = await import("../db/client");
  await getDb();
  await closeDb();
  process.env.TALLY_SKIP_MIGRATE = "1";

  return async () => {
    const cleanup = postgres(base, { onnotice: () => {}, max: 1 });
    await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await cleanup.end();
  };
}
