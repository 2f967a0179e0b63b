"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Alert, Card, EmptyState, Skeleton } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { formatDate, formatMoney, formatPercent, ratioToBps } from "@/components/ui/format";
import { RANGE_KINDS, addDays, dayIn, rangeSearch, type DashboardRange, type RangeKind } from "@/lib/dashboard/date-range";
import type { DashboardLive } from "@/lib/dashboard/dashboard-version";
import { creatorTableSearch, type CampaignDashboardView, type CreatorTableQuery } from "@/lib/dashboard/creator-table";
import { CreatorTable } from "./creator-table";
import { CsvExportButton } from "./csv-export-button";
import { ResultsChart } from "./results-chart";
import { useDashboardVersion } from "./use-dashboard-version";

/** The figures with what the page needs to poll for changes (the dashboard JSON's shape). */
type Dashboard = CampaignDashboardView & { live: DashboardLive };

type Props = {
  workspace: string;
  campaignId: string;
  /** The campaign's time zone: its days are the dashboard's days. */
  timeZone: string;
  startDay: string;
  endDay: string | null;
  hasCreators: boolean;
  initial: Dashboard;
};

/** `range=…&sort=…`: the dashboard's view, in the page's URL and its JSON's. */
const viewSearch = (range: DashboardRange, table: CreatorTableQuery) => [rangeSearch(range), creatorTableSearch(table)].filter(Boolean).join("&");

async function fetchDashboard(base: string, search: string): Promise<Dashboard> {
  const res = await fetch(`${base}/dashboard?${search}`, { cache: "no-store" });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
  }
  return (await res.json()) as Dashboard;
}

/**
 * The campaign dashboard: range selector, KPI tiles, the gross/refunds/net chart and the
 * per-creator table, plus the two CSV exports for the same range. Server-rendered first (no
 * spinner on arrival), then kept fresh without a reload: the page polls only the figures' version
 * (useDashboardVersion: a 304 while nothing changed) and fetches the figures again when it moves.
 */
export function CampaignDashboard({ workspace, campaignId, timeZone, startDay, endDay, hasCreators, initial }: Props) {
  const base = `/api/brand/${workspace}/campaigns/${campaignId}`;
  const [range, setRange] = useState<DashboardRange>(initial.range);
  const [table, setTable] = useState<CreatorTableQuery>(() => {
    const { sort, dir, q, page, size } = initial.creatorTable;
    return { sort, dir, q, page, size };
  });
  const key = rangeSearch(range);
  const search = viewSearch(range, table);
  const { data, isError, error, isPlaceholderData, refetch } = useQuery({
    queryKey: ["campaign-dashboard", workspace, campaignId, search],
    queryFn: () => fetchDashboard(base, search),
    initialData: search === viewSearch(initial.range, initial.creatorTable) ? initial : undefined,
    // No refetch on arrival, however long the page took: whether the figures are current is the version poll's call.
    placeholderData: keepPreviousData,
  });
  // A moved version (or an expired token) fetches the figures again; a fetch under way is joined, not restarted.
  useDashboardVersion(base, isPlaceholderData ? undefined : data?.live, () => void refetch({ cancelRefetch: false }));

  const choose = (next: DashboardRange) => {
    setRange(next);
    window.history.replaceState(null, "", `?${viewSearch(next, table)}`);
  };
  const chooseTable = (next: CreatorTableQuery) => {
    setTable(next);
    window.history.replaceState(null, "", `?${viewSearch(range, next)}`);
  };

  const today = dayIn(new Date(), timeZone);
  const chartFrom = data?.range.from ?? (data?.series[0]?.day && data.series[0].day < startDay ? data.series[0].day : startDay);
  const chartTo = data?.range.to ?? (today > startDay ? today : startDay);
  const money = (c: number) => formatMoney(c, data?.currency ?? initial.currency);
  const t = data?.tiles;
  const noSales = t !== undefined && t.orders === 0 && t.grossCents === 0 && t.refundCents === 0;

  return (
    <section aria-labelledby="results-heading" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="results-heading" className="text-lg font-semibold text-slate-900">Results</h2>
          <p className="text-sm text-slate-500">Refund-adjusted: refunds come off sales and commission as they happen.</p>
        </div>
        <RangePicker range={range} onChange={choose} startDay={startDay} timeZone={timeZone} />
      </div>
      {isError && <Alert>{data ? `Could not refresh (${error.message}); showing the last known figures.` : error.message}</Alert>}
      {!t ? (
        <DashboardSkeleton />
      ) : (
        <div className={`space-y-4 transition-opacity ${isPlaceholderData ? "opacity-60" : ""}`} aria-busy={isPlaceholderData}>
          <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7" data-testid="campaign-kpis">
            <Kpi label="Gross sales" value={money(t.grossCents)} testId="kpi-gross" />
            <Kpi label="Refunds" value={money(t.refundCents)} testId="kpi-refunds" />
            <Kpi label="Net sales" value={money(t.netCents)} testId="kpi-net-sales" />
            <Kpi label="Commission owed" hint="net of reversals" value={money(t.netCommissionCents)} testId="kpi-net-commission" />
            <Kpi label="Orders" value={t.orders.toLocaleString("en-US")} testId="kpi-orders" />
            <Kpi label="Refund rate" hint="refunds ÷ gross" value={formatPercent(ratioToBps(t.refundRate))} testId="kpi-refund-rate" />
            <Kpi label="ROI" hint="net sales ÷ commission" value={t.roi === null ? "—" : `${t.roi.toFixed(1)}×`} testId="kpi-roi" />
          </dl>
          {t.awaitingPayment.orders > 0 && (
            <p className="rounded-md border border-violet-200 bg-violet-50 px-3 py-2 text-sm text-violet-900" data-testid="awaiting-payment">
              <span className="font-medium">Awaiting payment:</span> {t.awaitingPayment.orders.toLocaleString("en-US")} {t.awaitingPayment.orders === 1 ? "order" : "orders"} not paid yet in Shopify ({money(t.awaitingPayment.amountCents)} of sales,{" "}
              {money(t.awaitingPayment.commissionCents)} of commission). Nothing above counts them until Shopify says they are paid; if a payment is voided, they never will.
            </p>
          )}
          <Card
            title="Sales over time"
            actions={
              <span className="text-xs text-slate-500" aria-live="off">
                {isPlaceholderData ? "Loading…" : `Live · updated ${formatDate(data.generatedAt, { timeStyle: "medium" })} UTC`}
              </span>
            }
          >
            {noSales ? (
              <EmptyState title={range.kind === "campaign" ? "No sales yet" : "No sales in this range"}>
                {hasCreators
                  ? "Orders placed with a creator's code or link appear here within a second of Shopify telling Tally."
                  : "Add creators to the roster below: each gets a code pushed to your store."}
              </EmptyState>
            ) : (
              <ResultsChart series={data.series} from={chartFrom} to={chartTo} currency={data.currency} startDay={startDay} endDay={endDay} timeZone={timeZone} />
            )}
          </Card>
          <Card
            title="Creators"
            description="Click a creator to see their orders."
            actions={
              <div className="flex flex-wrap items-start gap-2">
                <CsvExportButton href={`${base}/export/payouts?${key}`} label="Payout CSV" noun="creators" expectedRows={data.creatorTable.total} testId="export-payouts" />
                <CsvExportButton href={`${base}/export/orders?${key}`} label="Orders CSV" noun="orders" expectedRows={t.orders} testId="export-orders" />
              </div>
            }
          >
            {data.creatorTable.total === 0 ? (
              <EmptyState title="No creators yet">Add creators to the roster below, one by one or from a CSV.</EmptyState>
            ) : (
              <CreatorTable rows={data.creators} meta={data.creatorTable} currency={data.currency} onChange={chooseTable} conversionsHref={(id) => `/brand/${workspace}/conversions?campaign=${campaignId}&creator=${id}`} />
            )}
          </Card>
        </div>
      )}
    </section>
  );
}

function Kpi({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs text-slate-500">
        {label}
        {hint && <span className="block text-[11px] text-slate-500">{hint}</span>}
      </dt>
      <dd className="mt-1 text-lg font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function DashboardSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading results">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4 xl:grid-cols-7">
        {Array.from({ length: 7 }, (_, i) => (
          <Skeleton key={i} className="h-[74px]" />
        ))}
      </div>
      <Skeleton className="h-80" />
      <Skeleton className="h-96" />
    </div>
  );
}

function RangePicker({ range, onChange, startDay, timeZone }: { range: DashboardRange; onChange: (r: DashboardRange) => void; startDay: string; timeZone: string }) {
  const today = dayIn(new Date(), timeZone);
  const [from, setFrom] = useState(range.from ?? (startDay < today ? startDay : addDays(today, -29)));
  const [to, setTo] = useState(range.to ?? today);
  const [custom, setCustom] = useState(range.kind === "custom");
  const [problem, setProblem] = useState<string | null>(null);
  const pick = (kind: RangeKind) => {
    if (kind === "custom") return setCustom(true);
    setCustom(false);
    setProblem(null);
    onChange({ kind, from: null, to: null });
  };
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (!from || !to) return setProblem("Choose both days.");
    if (from > to) return setProblem("The range must start on or before the day it ends.");
    setProblem(null);
    onChange({ kind: "custom", from, to });
  };
  return (
    <div className="flex flex-col items-end gap-2">
      <div role="group" aria-label="Date range" className="flex flex-wrap gap-1">
        {RANGE_KINDS.map((r) => (
          <button
            key={r.kind}
            type="button"
            aria-pressed={custom ? r.kind === "custom" : range.kind === r.kind}
            onClick={() => pick(r.kind)}
            className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 aria-pressed:border-brand-600 aria-pressed:bg-brand-50 aria-pressed:text-brand-700"
          >
            {r.label}
          </button>
        ))}
      </div>
      {custom && (
        <form onSubmit={apply} className="flex flex-wrap items-end justify-end gap-2" aria-label="Custom range">
          <label className="text-xs text-slate-600">
            From
            <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} className="mt-0.5 block rounded-md border border-slate-300 px-2 py-1 text-sm" required />
          </label>
          <label className="text-xs text-slate-600">
            To
            <input type="date" value={to} onChange={(e) => setTo(e.target.value)} className="mt-0.5 block rounded-md border border-slate-300 px-2 py-1 text-sm" required />
          </label>
          <button type="submit" className={buttonClass("primary", "px-3 py-1.5 text-xs")}>
            Apply
          </button>
          <p className="w-full text-right text-xs text-slate-500">Days in the campaign&apos;s time zone ({timeZone}).</p>
          {problem && <p className="w-full text-right text-xs text-red-600" role="alert">{problem}</p>}
        </form>
      )}
    </div>
  );
}
