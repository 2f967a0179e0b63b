import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_FOLDER, queryRows, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { conversionJson } from "@/lib/api/v1/serializers";
import { getCreatorEarnings } from "@/lib/creators/get-creator-earnings";
import type { DashboardRange } from "@/lib/dashboard/date-range";
import { orderCsv, payoutCsv } from "@/lib/dashboard/export-csv";
import { getCampaignDashboard } from "@/lib/dashboard/get-campaign-dashboard";
import { getWorkspaceResults } from "@/lib/dashboard/get-workspace-results";
import { creatorSumsFromLedger, seriesFromLedger } from "@/lib/dashboard/ledger-sums";
import { rebuildRollups } from "@/lib/dashboard/rebuild-rollups";

/**
 * Migration 0012 (typed ledger entry kinds) changes no figure. The fixture is a database built by the
 * code before it (main at 4fd391a: test/fixtures/ledger-kinds-migration/generate-fixture.ts.txt),
 * through the real webhook path — sales, partial, full and double refunds, cancellations, rounding,
 * an order edit, reconciliation of an amount and of a refund, status changes (a denial, a
 * self-referral approved by the brand) — and every figure that code computed from it. Here the
 * database is restored at migration 0011, migrated, and every figure computed again by this code.
 */
const FIXTURE = path.resolve(import.meta.dirname, "../../test/fixtures/ledger-kinds-migration");
type Before = {
  now: string;
  workspaceId: string;
  campaignId: string;
  currency: string;
  conversions: Record<string, unknown>[];
  api: Record<string, unknown>[];
  rollups: { totals: unknown[]; days: unknown[]; campaignDays: unknown[] };
  dashboards: { range: DashboardRange; dashboard: Record<string, unknown>; ledgerSums: unknown[]; series: unknown[]; payoutCsv: string; orderCsv: string }[];
  overview: { campaigns: Record<string, unknown>[]; topCreators: unknown[] };
  earnings: Record<string, Record<string, unknown>>;
};
const before = JSON.parse(readFileSync(path.join(FIXTURE, "figures-before.json"), "utf8")) as Before;

let client: postgres.Sql;
let db: Db;
let dbName: string;
let base: string;
let oldMigrations: string;

/** JSON as the fixture stored it (dates as ISO strings, no undefined). */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as unknown;
/**
 * An order's refunds in a fixed order: entries written at the same instant (a refund and the rounding
 * cents that complete it) came back in the rows' physical order, which a migration that rewrites
 * ledger rows changes; that order is not a figure.
 */
function refundsSorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(refundsSorted);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      k === "refunds" && Array.isArray(v) ? [...(v as unknown[])].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : refundsSorted(v),
    ]),
  );
}
/** Drops keys this code added (the old code had none of them) after checking they say "nothing awaiting". */
function withoutAdded<T>(value: T, added: string[]): T {
  if (Array.isArray(value)) return value.map((v) => withoutAdded(v, added)) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !added.includes(k)).map(([k, v]) => [k, withoutAdded(v, added)])) as T;
}
const collect = async (gen: AsyncGenerator<string>) => {
  let s = "";
  for await (const chunk of gen) s += chunk;
  return s;
};
/** Columns later migrations added to the rollups (0021: running totals, dashboard versions): not in the fixture. */
const LATER_ROLLUP_COLUMNS = ["cum_orders", "cum_gross_cents", "cum_refund_cents", "cum_commission_cents", "cum_reversed_commission_cents", "cum_last_sale_at", "version"];
const rollups = async () => withoutAdded(await rollupRows(), LATER_ROLLUP_COLUMNS);
const rollupRows = async () => ({
  totals: await queryRows(db, sql`select * from campaign_creator_totals where workspace_id = ${before.workspaceId} order by campaign_id, creator_id, currency`),
  days: await queryRows(db, sql`select * from campaign_creator_days where workspace_id = ${before.workspaceId} order by campaign_id, day, creator_id, currency`),
  campaignDays: await queryRows(db, sql`select * from campaign_days where workspace_id = ${before.workspaceId} order by campaign_id, day, currency`),
});

beforeAll(async () => {
  base = process.env.TALLY_TEST_BASE_DATABASE_URL ?? process.env.DATABASE_URL!;
  dbName = `tally_mig0012_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { onnotice: () => {}, max: 1 });
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  client = postgres(url.toString(), { onnotice: () => {}, max: 2 });
  db = drizzle(client, { schema, casing: "snake_case" }) as unknown as Db;

  // The schema as the old code knew it: migrations up to 0011.
  oldMigrations = mkdtempSync(path.join(tmpdir(), "tally-mig-"));
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as { entries: { idx: number; tag: string }[] };
  const kept = journal.entries.filter((e) => e.idx <= 11);
  cpSync(path.join(MIGRATIONS_FOLDER, "meta"), path.join(oldMigrations, "meta"), { recursive: true });
  writeFileSync(path.join(oldMigrations, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  for (const f of readdirSync(MIGRATIONS_FOLDER).filter((f) => kept.some((e) => f === `${e.tag}.sql`))) cpSync(path.join(MIGRATIONS_FOLDER, f), path.join(oldMigrations, f));
  await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder: oldMigrations });

  // The old code's data, restored as pg_dump wrote it (psql meta-commands left out).
  const dump = readFileSync(path.join(FIXTURE, "database-before.sql"), "utf8")
    .split("\n")
    .filter((l) => !l.startsWith("\\"))
    .join("\n");
  await client.unsafe(dump);
  await client.unsafe(`SELECT pg_catalog.set_config('search_path', 'public', false)`);
}, 300_000);

afterAll(async () => {
  await client?.end();
  const admin = postgres(base, { onnotice: () => {}, max: 1 });
  await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
  if (oldMigrations) rmSync(oldMigrations, { recursive: true, force: true });
});

describe("migration 0012: typed ledger entry kinds", () => {
  it("the restored database is the old code's (its rollups as it left them)", async () => {
    expect(plain(await rollups())).toEqual(before.rollups);
    expect(await queryRows(db, sql`select kind::text as kind, count(*)::int as n from ledger_entries group by 1 order by 1`)).toEqual([
      { kind: "adjustment", n: expect.any(Number) },
      { kind: "reversal", n: expect.any(Number) },
      { kind: "sale", n: before.conversions.length },
    ]);
  });

  it("fills every entry's kind from what the old code wrote, and changes no figure: totals, rollups, dashboard, CSVs, overview, creator earnings, API", async () => {
    const causes = await queryRows<{ kind: string; cause_key: string }>(db, sql`select kind::text as kind, cause_key from ledger_entries`);
    await migrate(drizzle(client, { casing: "snake_case" }), { migrationsFolder: MIGRATIONS_FOLDER });

    // Kinds: from the old kind and the cause key, every one.
    const kinds = await queryRows<{ kind: string; cause_key: string }>(db, sql`select kind::text as kind, cause_key from ledger_entries`);
    expect(kinds).toHaveLength(causes.length);
    const expected = (k: string, cause: string) =>
      k === "sale"
        ? "sale"
        : k === "reversal"
          ? cause === "cancel"
            ? "cancellation"
            : cause === "refund-rounding"
              ? "rounding"
              : "refund"
          : cause.startsWith("edit:")
            ? "edit"
            : cause.startsWith("status:")
              ? "status_change"
              : cause.endsWith(":refund")
                ? "reconcile_refund"
                : "reconcile_amount";
    const old = new Map(causes.map((c) => [c.cause_key + "|" + c.kind, c]));
    expect(old.size).toBeGreaterThan(0);
    const byCause = new Map<string, string[]>();
    for (const c of causes) byCause.set(c.cause_key, [...(byCause.get(c.cause_key) ?? []), expected(c.kind, c.cause_key)]);
    for (const k of kinds) expect(byCause.get(k.cause_key), k.cause_key).toContain(k.kind);
    expect(new Set(kinds.map((k) => k.kind))).toEqual(new Set(["sale", "refund", "cancellation", "rounding", "edit", "status_change", "reconcile_amount", "reconcile_refund"]));

    // The rollups the trigger kept are untouched, and equal what this code rebuilds from the ledger.
    expect(plain(await rollups())).toEqual(before.rollups);
    await rebuildRollups(db, { workspaceId: before.workspaceId });
    expect(plain(await rollups())).toEqual(before.rollups);

    // Conversions' maintained totals, and the API.
    const now = new Date(before.now);
    const all = await db.select().from(schema.conversions).where(sql`${schema.conversions.workspaceId} = ${before.workspaceId}`).orderBy(schema.conversions.id);
    expect(
      plain(
        all.map((c) => ({ id: c.id, status: c.status, orderAmountCents: c.orderAmountCents, commissionCents: c.commissionCents, refundAmountCents: c.refundAmountCents, refundedCommissionCents: c.refundedCommissionCents, refundAt: c.refundAt?.toISOString() ?? null })),
      ),
    ).toEqual(before.conversions);
    const api = all.map((c) => conversionJson(c));
    for (const row of api) expect({ pending: row.pending_amount, commission: row.pending_commission }).toEqual({ pending: 0, commission: 0 });
    expect(plain(withoutAdded(api, ["pending_amount", "pending_commission", "payable_at", "paid_amount", "lines"]))).toEqual(before.api);

    // The dashboard (tiles, series, creators) for every range, the ledger's own sums, both CSVs.
    const scope = { workspaceId: before.workspaceId, campaignId: before.campaignId, currency: before.currency };
    for (const b of before.dashboards) {
      const dashboard = await getCampaignDashboard(db, { ...scope, range: b.range, now });
      expect(dashboard.tiles.awaitingPayment).toEqual({ orders: 0, amountCents: 0, commissionCents: 0 });
      expect(plain(withoutAdded(dashboard, ["awaitingPayment"])), b.range.kind).toEqual(b.dashboard);
      expect(plain(await creatorSumsFromLedger(db, scope, b.range))).toEqual(b.ledgerSums);
      expect(plain(await seriesFromLedger(db, scope, b.range))).toEqual(b.series);
      expect(await collect(payoutCsv(db, { ...scope, range: b.range }))).toBe(b.payoutCsv);
      expect(await collect(orderCsv(db, { ...scope, range: b.range }))).toBe(b.orderCsv);
    }

    // The workspace overview, and every creator's earnings.
    expect(plain(withoutAdded(await getWorkspaceResults(db, { workspaceId: before.workspaceId, now }), ["awaitingPayment"]))).toEqual(before.overview);
    for (const [creatorId, earnings] of Object.entries(before.earnings)) {
      const now_ = await getCreatorEarnings(db, creatorId, { now });
      for (const t of now_.totals) expect({ orders: t.awaitingPaymentOrders, cents: t.awaitingPaymentCents }).toEqual({ orders: 0, cents: 0 });
      expect(refundsSorted(plain(withoutAdded(now_, ["awaitingPaymentCents", "awaitingPaymentOrders", "giftCardsCents", "balances", "payouts", "payout"]))), creatorId).toEqual(refundsSorted(earnings));
    }
  }, 300_000);
});
