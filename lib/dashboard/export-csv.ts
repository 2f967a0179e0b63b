import { inArray, sql } from "drizzle-orm";
import { ENTRY_SUMS } from "./ledger-classes";
import { queryRows, streamRows, type Db } from "@/db/client";
import { creators } from "@/db/schema";
import { toDecimalString } from "@/lib/money";
import { getCampaignDashboard } from "./get-campaign-dashboard";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { resolveRange, type DashboardRange } from "./date-range";

/**
 * CSV exports of a campaign for a date range. Amounts are decimal strings in the campaign's
 * currency (exact, from integer minor units), never floats; text cells that a spreadsheet would run
 * as a formula are prefixed with an apostrophe.
 */

export function csvCell(value: string | number | null | undefined, opts: { text?: boolean } = {}): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (opts.text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(cells: string[]): string {
  return `${cells.join(",")}\r\n`;
}

type Scope = { workspaceId: string; campaignId: string; currency: string };

/** The money figures both exports end a line with, in this order (figureCells). */
const FIGURE_COLUMNS = ["gross_sales", "refunds", "net_sales", "commission_earned", "commission_reversed", "net_commission"] as const;

type Figures = { grossCents: number; refundCents: number; commissionCents: number; reversedCommissionCents: number };

/** gross, refunds, net sales, commission earned, reversed and net, as decimal strings of the currency. */
function figureCells(f: Figures, currency: string): string[] {
  const money = (cents: number) => toDecimalString(cents, currency);
  return [f.grossCents, f.refundCents, f.grossCents - f.refundCents, f.commissionCents, f.reversedCommissionCents, f.commissionCents - f.reversedCommissionCents].map(money);
}

export const PAYOUT_COLUMNS = ["creator_id", "creator_name", "handle", "payout_email", "code", "currency", "orders", ...FIGURE_COLUMNS] as const;

/**
 * One line per creator with net commission for the range, refunds netted (the same figures as the
 * dashboard's table, so the file's totals equal its tiles), then a TOTAL line.
 */
export async function* payoutCsv(db: Db, input: Scope & { range: DashboardRange }): AsyncGenerator<string> {
  const dashboard = await getCampaignDashboard(db, input);
  const ids = dashboard.creators.map((c) => c.creatorId);
  const emails = new Map<string, string | null>();
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db
      .select({ id: creators.id, payoutEmail: creators.payoutEmail, email: creators.email })
      .from(creators)
      .where(inArray(creators.id, ids.slice(i, i + 1000)));
    for (const r of rows) emails.set(r.id, r.payoutEmail ?? r.email);
  }
  yield csvLine([...PAYOUT_COLUMNS]);
  for (const c of dashboard.creators) {
    yield csvLine([
      csvCell(c.creatorId),
      csvCell(c.name, { text: true }),
      csvCell(c.handle, { text: true }),
      csvCell(emails.get(c.creatorId), { text: true }),
      csvCell(c.code, { text: true }),
      input.currency,
      String(c.orders),
      ...figureCells(c, input.currency),
    ]);
  }
  const t = dashboard.tiles;
  yield csvLine(["TOTAL", "", "", "", "", input.currency, String(t.orders), ...figureCells(t, input.currency)]);
}

export const ORDER_COLUMNS = [
  "order",
  "shopify_order_id",
  "order_created_at",
  "creator_id",
  "creator_name",
  "code",
  "attributed_by",
  "status",
  "currency",
  ...FIGURE_COLUMNS,
  "last_refund_at",
] as const;

/**
 * The range as two instants: [start of `from`, start of the day after `to`) in the campaign's time
 * zone — the days the rollups date entries by (`(occurred_at AT TIME ZONE tz)::date`, so the same
 * entries) — computed once, by Postgres's zone rules, before the export's query. That query then
 * filters on `e.occurred_at` between two constants: a range of `ledger_entries_workspace_occurred_idx`
 * (workspace_id, occurred_at) that the planner can estimate, never a per-row time-zone expression.
 */
async function rangeInstants(db: Db, scope: { workspaceId: string; campaignId: string }, range: DashboardRange): Promise<{ from: Date | null; to: Date | null }> {
  if (!range.from && !range.to) return { from: null, to: null };
  const [row] = await queryRows<{ from: Date | string | null; to: Date | string | null }>(
    db,
    sql`SELECT (${range.from}::date)::timestamp AT TIME ZONE timezone AS "from", (${range.to}::date + 1)::timestamp AT TIME ZONE timezone AS "to"
      FROM campaigns WHERE id = ${scope.campaignId} AND workspace_id = ${scope.workspaceId}`,
  );
  const at = (v: Date | string | null | undefined) => (v ? new Date(v) : null);
  return { from: at(row?.from), to: at(row?.to) };
}

/**
 * One line per attributed order with ledger movements in the range: what the order added (sale,
 * edits) and took back (refunds, cancellations) within the range. Summed, the lines equal the
 * dashboard's tiles for the same range. The range's entries are summed per order straight off the
 * (workspace_id, occurred_at) index, then joined to their conversions of this campaign; the rows
 * stream from a server-side cursor in batches of 1,000 (postgres.js `cursor()`), so a campaign of
 * any size exports in constant memory here.
 */
export async function* orderCsv(db: Db, input: Scope & { range: DashboardRange }): AsyncGenerator<string> {
  const within = await rangeInstants(db, input, input.range);
  const query = sql`
    SELECT c.order_name, c.shopify_order_id, c.order_created_at, c.creator_id, cr.full_name, c.code, c.type, c.status,
      s.gross, s.refund, s.commission, s.reversed, c.refund_at
    FROM (
      SELECT e.conversion_id, ${ENTRY_SUMS}
      FROM ledger_entries e
      WHERE e.workspace_id = ${input.workspaceId} AND e.currency = ${input.currency}
        ${within.from ? sql`AND e.occurred_at >= ${within.from.toISOString()}::timestamptz` : sql``} ${within.to ? sql`AND e.occurred_at < ${within.to.toISOString()}::timestamptz` : sql``}
      GROUP BY e.conversion_id
    ) s
    JOIN conversions c ON c.id = s.conversion_id
    JOIN creators cr ON cr.id = c.creator_id
    WHERE c.workspace_id = ${input.workspaceId} AND c.campaign_id = ${input.campaignId}
    ORDER BY c.order_created_at, c.id`;
  yield csvLine([...ORDER_COLUMNS]);
  for await (const batch of streamRows<Record<string, unknown>>(db, query, 1000)) {
    let chunk = "";
    for (const r of batch) {
      const figures = { grossCents: Number(r.gross), refundCents: Number(r.refund), commissionCents: Number(r.commission), reversedCommissionCents: Number(r.reversed) };
      chunk += csvLine([
        csvCell(String(r.order_name), { text: true }),
        String(r.shopify_order_id),
        new Date(r.order_created_at as string).toISOString(),
        String(r.creator_id),
        csvCell(String(r.full_name), { text: true }),
        csvCell(r.code as string | null, { text: true }),
        r.type === "coupon" ? "code" : "link",
        String(r.status),
        input.currency,
        ...figureCells(figures, input.currency),
        r.refund_at ? new Date(r.refund_at as string).toISOString() : "",
      ]);
    }
    yield chunk;
  }
}

/** An async generator of strings as a streamed HTTP body. */
export function csvResponse(lines: AsyncGenerator<string>, filename: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await lines.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "cache-control": "no-store",
    },
  });
}

/**
 * A campaign's CSV export of this workspace for the range in the query string: the campaign is
 * looked up in the workspace (another workspace's is "not found"), the range resolved in its time
 * zone, and the lines streamed under a file name that says which export and which days.
 */
export async function campaignCsvExport(
  db: Db,
  input: { workspaceId: string; campaignId: string; kind: "payouts" | "orders"; query: { range?: string | null; from?: string | null; to?: string | null } },
): Promise<Response> {
  const campaign = await getCampaignOrThrow(db, input);
  const range = resolveRange(input.query, new Date(), campaign.timezone);
  const scope = { workspaceId: input.workspaceId, campaignId: campaign.id, currency: campaign.currency, range };
  const lines = input.kind === "payouts" ? payoutCsv(db, scope) : orderCsv(db, scope);
  const period = range.from || range.to ? `${range.from ?? "start"}_${range.to ?? "today"}` : "to-date";
  return csvResponse(lines, `${campaign.name}-${input.kind}-${period}.csv`);
}
