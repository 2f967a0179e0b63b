import { bigint, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { tstz } from "./columns";
import { campaigns } from "./campaigns";
import { creators } from "./creators";
import { workspaces } from "./workspaces";

/**
 * Maintained rollups of the ledger for the campaign dashboard (lib/dashboard).
 *
 * Why rollups and not queries over conversions: a 500-creator campaign with 1,000,000 orders has
 * ~1,000,000 conversions and ~1,100,000 ledger entries; grouping them costs hundreds of
 * milliseconds per request, and the dashboard refreshes every second. The rollups hold at most one
 * row per (campaign, creator, currency) and one per (campaign, creator, currency, day), so the
 * dashboard reads 500 rows for "campaign to date" and ~500 × days for a range.
 *
 * They are written by the `ledger_entries_rollup` trigger (its current body:
 * db/sql/ledger-entries-rollup.sql) in the same transaction as each ledger entry, so they can never
 * drift from the append-only ledger: every insert path is covered without any of them having to
 * remember. An entry counts by its `kind` (lib/ledger/kinds.ts):
 * - orders: +1 for a `sale`, −1 for `ineligible` (an order taken out of the figures);
 * - refunds: kinds `refund`, `cancellation`, `rounding`, `reconcile_refund`, `ineligible_refund` —
 *   amount and commission negated to positive numbers;
 * - gross and commission: every other kind (sales, edits, status changes, reconciliation of the
 *   sale amount, `ineligible`).
 * The day is the entry's `occurred_at` as a date in the campaign's time zone (`campaigns.timezone`,
 * fixed at creation; migration 0011): a sale counts on the order's day, a refund on the refund's day — the ledger's own view, so figures for a past range never change after the fact
 * except through entries dated in it.
 */
const rollupColumns = {
  workspaceId: text()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  campaignId: text()
    .notNull()
    .references(() => campaigns.id, { onDelete: "cascade" }),
  creatorId: text()
    .notNull()
    .references(() => creators.id),
  currency: text().notNull(),
  orders: integer().notNull().default(0),
  grossCents: bigint({ mode: "number" }).notNull().default(0),
  refundCents: bigint({ mode: "number" }).notNull().default(0),
  commissionCents: bigint({ mode: "number" }).notNull().default(0),
  reversedCommissionCents: bigint({ mode: "number" }).notNull().default(0),
  lastSaleAt: tstz(),
};

/** All-time totals per creator in a campaign: "campaign to date" and the workspace overview. */
export const campaignCreatorTotals = pgTable(
  "campaign_creator_totals",
  rollupColumns,
  (t) => [
    // campaign dashboard: WHERE workspace_id = $1 AND campaign_id = $2 (≤ 500 rows per campaign)
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.creatorId, t.currency] }),
    // top creators across campaigns: WHERE workspace_id = $1 GROUP BY creator_id (PK prefix serves the overview's GROUP BY campaign_id)
    index("campaign_creator_totals_workspace_creator_idx").on(t.workspaceId, t.creatorId),
  ],
);

/** Totals per creator per campaign day: date ranges and the payout export. */
export const campaignCreatorDays = pgTable(
  "campaign_creator_days",
  { ...rollupColumns, day: date({ mode: "string" }).notNull() },
  (t) => [
    // dashboard with a date range: WHERE workspace_id = $1 AND campaign_id = $2 AND day BETWEEN $3 AND $4
    // (index range scan; GROUP BY creator_id for the table, GROUP BY day for the chart)
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.day, t.creatorId, t.currency] }),
  ],
);

/**
 * Totals per campaign per day, all creators together: the chart's series in O(days) rows.
 *
 * Not written by ledger writers (one row per campaign-day written by every entry of that day was
 * the hot row that serialised a burst: issue 18). The trigger appends to campaign_day_deltas
 * instead (an insert, which never waits on another writer), and a folder
 * (lib/dashboard/fold-campaign-days.ts: the sweeper, an Inngest cron, and the dashboard when many
 * deltas wait) moves deltas into these rows. Readers add the deltas not yet folded, so the series
 * is exact at every moment.
 */
export const campaignDays = pgTable(
  "campaign_days",
  {
    workspaceId: rollupColumns.workspaceId,
    campaignId: text()
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    orders: integer().notNull().default(0),
    grossCents: bigint({ mode: "number" }).notNull().default(0),
    refundCents: bigint({ mode: "number" }).notNull().default(0),
    commissionCents: bigint({ mode: "number" }).notNull().default(0),
    reversedCommissionCents: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    // the chart: WHERE workspace_id = $1 AND campaign_id = $2 [AND day BETWEEN $3 AND $4] GROUP BY day
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.day, t.currency] }),
  ],
);

/**
 * One row per ledger entry not yet folded into campaign_days: the entry's campaign, day (in the
 * campaign's zone) and figures, appended by the `ledger_entries_rollup` trigger. Append-only for
 * writers (no key two writers can share); the folder deletes what it folds, in the same
 * transaction as it adds it to campaign_days, so every delta counts exactly once.
 */
export const campaignDayDeltas = pgTable(
  "campaign_day_deltas",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    workspaceId: rollupColumns.workspaceId,
    campaignId: text()
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    currency: text().notNull(),
    day: date({ mode: "string" }).notNull(),
    orders: integer().notNull().default(0),
    grossCents: bigint({ mode: "number" }).notNull().default(0),
    refundCents: bigint({ mode: "number" }).notNull().default(0),
    commissionCents: bigint({ mode: "number" }).notNull().default(0),
    reversedCommissionCents: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    // the chart adds a campaign's unfolded deltas, the folder takes a campaign's oldest first:
    // WHERE workspace_id = $1 AND campaign_id = $2 [ORDER BY id]
    index("campaign_day_deltas_campaign_idx").on(t.workspaceId, t.campaignId, t.id),
  ],
);

/**
 * Orders awaiting payment per creator in a campaign: `pending` conversions (not ledger money; what
 * they will earn once paid). Kept by the `conversions_pending_rollup` trigger on conversions (its
 * body: db/sql/conversions-pending-rollup.sql) in the same transaction as the conversion's change,
 * so the dashboard shows "awaiting payment" from ≤ 500 rows per campaign, like the other figures.
 */
export const campaignCreatorPending = pgTable(
  "campaign_creator_pending",
  {
    workspaceId: rollupColumns.workspaceId,
    campaignId: rollupColumns.campaignId,
    creatorId: rollupColumns.creatorId,
    currency: rollupColumns.currency,
    orders: rollupColumns.orders,
    amountCents: bigint({ mode: "number" }).notNull().default(0),
    commissionCents: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [
    // campaign dashboard and overview: WHERE workspace_id = $1 AND campaign_id = $2 (≤ 500 rows per campaign)
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.creatorId, t.currency] }),
  ],
);
