import { sql } from "drizzle-orm";
import { bigint, date, index, integer, pgSequence, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { belongsTo, requiredRef, tstz } from "./columns";
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
/** The figures every rollup row keeps (see above for which entries count where). */
const figureColumns = () => ({
  orders: integer().notNull().default(0),
  grossCents: bigint({ mode: "number" }).notNull().default(0),
  refundCents: bigint({ mode: "number" }).notNull().default(0),
  commissionCents: bigint({ mode: "number" }).notNull().default(0),
  reversedCommissionCents: bigint({ mode: "number" }).notNull().default(0),
});

const rollupColumns = {
  workspaceId: belongsTo(() => workspaces.id),
  campaignId: belongsTo(() => campaigns.id),
  creatorId: requiredRef(() => creators.id),
  currency: text().notNull(),
  ...figureColumns(),
  lastSaleAt: tstz(),
};

/** A campaign's figures for one day of its time zone, in one currency. */
const campaignDayColumns = () => ({
  workspaceId: rollupColumns.workspaceId,
  campaignId: belongsTo(() => campaigns.id),
  currency: text().notNull(),
  day: date({ mode: "string" }).notNull(),
  ...figureColumns(),
});

/**
 * A campaign dashboard's version: every rollup row a writer changes takes the next value of
 * dashboard_version_seq (no shared row: a sequence never makes writers wait), so the largest
 * version among a campaign's rows changes exactly when its figures do. Open dashboards poll it
 * (lib/dashboard/dashboard-version.ts) and fetch the figures only when it moved.
 */
export const dashboardVersionSeq = pgSequence("dashboard_version_seq");
const versionColumn = () =>
  bigint({ mode: "number" })
    .notNull()
    .default(sql`nextval('dashboard_version_seq')`);

/** All-time totals per creator in a campaign: "campaign to date" and the workspace overview. */
export const campaignCreatorTotals = pgTable(
  "campaign_creator_totals",
  { ...rollupColumns, version: versionColumn() },
  (t) => [
    // campaign dashboard: WHERE workspace_id = $1 AND campaign_id = $2 (≤ 500 rows per campaign)
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.creatorId, t.currency] }),
    // top creators across campaigns: WHERE workspace_id = $1 GROUP BY creator_id (PK prefix serves the overview's GROUP BY campaign_id)
    index("campaign_creator_totals_workspace_creator_idx").on(t.workspaceId, t.creatorId),
    // the dashboard's version: max(version) WHERE workspace_id = $1 AND campaign_id = $2 (one backward probe)
    index("campaign_creator_totals_version_idx").on(t.workspaceId, t.campaignId, t.version),
  ],
);

/**
 * Totals per creator per campaign day, each with the creator's running totals through that day
 * (`cum*`: everything of this creator in the campaign up to and including the day). A range
 * [from, to] of one creator is (the last row on or before `to`) − (the last row before `from`):
 * two primary-key probes per creator, whatever the range's length, instead of summing its days.
 * The trigger keeps the running totals (an entry dated before later rows adds itself to them too);
 * writers of one creator are serialised by that creator's campaign_creator_totals row, which the
 * trigger updates first.
 */
export const campaignCreatorDays = pgTable(
  "campaign_creator_days",
  {
    ...rollupColumns,
    day: date({ mode: "string" }).notNull(),
    cumOrders: integer().notNull().default(0),
    cumGrossCents: bigint({ mode: "number" }).notNull().default(0),
    cumRefundCents: bigint({ mode: "number" }).notNull().default(0),
    cumCommissionCents: bigint({ mode: "number" }).notNull().default(0),
    cumReversedCommissionCents: bigint({ mode: "number" }).notNull().default(0),
    cumLastSaleAt: tstz(),
  },
  (t) => [
    // a creator's running totals at a day: WHERE workspace_id, campaign_id, creator_id, currency = … AND day <= $d ORDER BY day DESC LIMIT 1
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.creatorId, t.currency, t.day] }),
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
    ...campaignDayColumns(),
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
    ...campaignDayColumns(),
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
    version: versionColumn(),
  },
  (t) => [
    // campaign dashboard and overview: WHERE workspace_id = $1 AND campaign_id = $2 (≤ 500 rows per campaign)
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.creatorId, t.currency] }),
    index("campaign_creator_pending_version_idx").on(t.workspaceId, t.campaignId, t.version),
  ],
);
