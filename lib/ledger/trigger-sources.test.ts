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
/** The body of the file's one function, or of the named one when the file holds several. */
const bodyOf = (file: string, fn?: string) => {
  let text = readFileSync(path.join(SQL_DIR, file), "utf8");
  if (fn) text = text.slice(text.indexOf(`FUNCTION "${fn}"`));
  const start = text.indexOf("$$") + 2;
  return text.slice(start, text.indexOf("$$", start));
};

describe("trigger functions", () => {
  it.each([
    ["ledger_entries_rollup", "ledger-entries-rollup.sql"],
    ["conversions_pending_rollup", "conversions-pending-rollup.sql"],
    ["ledger_entries_derive", "ledger-entries-payouts.sql"],
    ["ledger_entries_balances", "ledger-entries-payouts.sql"],
  ])("%s in the database is %s", async (fn, file) => {
    const db = await getDb();
    const [row] = await queryRows<{ src: string }>(db, sql`select prosrc as src from pg_proc where proname = ${fn}`);
    expect(row?.src).toBe(bodyOf(file, file === "ledger-entries-payouts.sql" ? fn : undefined));
  });
});
