import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, queryRows } from "@/db/client";

/**
 * The rollup triggers' current bodies live in named SQL files (db/sql/), which the schema points to;
 * migrations carry copies. The database must run exactly what the files say.
 */
const SQL_DIR = path.resolve(import.meta.dirname, "../../db/sql");
const bodyOf = (file: string) => {
  const text = readFileSync(path.join(SQL_DIR, file), "utf8");
  return text.slice(text.indexOf("$$") + 2, text.lastIndexOf("$$"));
};

describe("trigger functions", () => {
  it.each([
    ["ledger_entries_rollup", "ledger-entries-rollup.sql"],
    ["conversions_pending_rollup", "conversions-pending-rollup.sql"],
  ])("%s in the database is %s", async (fn, file) => {
    const db = await getDb();
    const [row] = await queryRows<{ src: string }>(db, sql`select prosrc as src from pg_proc where proname = ${fn}`);
    expect(row?.src).toBe(bodyOf(file));
  });
});
