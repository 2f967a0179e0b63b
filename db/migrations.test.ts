import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/postgres-js";
import { migrate as migratePg } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, pgliteExtensions } from "./client";

const EXPECTED_TABLES = ["users", "workspaces", "memberships", "creators", "workspace_creators", "invitations", "api_keys", "audit_log", "rate_limits"];

describe("migrations", () => {
  it("apply to an empty PGlite", async () => {
    const client = new PGlite({ extensions: await pgliteExtensions() });
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
    const { rows } = await client.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public'",
    );
    expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    await client.close();
  });

  it("apply to an empty Postgres database, and again without changes", async () => {
    const base = process.env.TALLY_TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = `tally_migrate_${Date.now()}`;
    const admin = postgres(base, { onnotice: () => {}, max: 1 });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const client = postgres(url.toString(), { onnotice: () => {}, max: 1 });
    try {
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
      await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_FOLDER });
      const rows = await client<{ table_name: string }[]>`select table_name from information_schema.tables where table_schema = 'public'`;
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    } finally {
      await client.end();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
