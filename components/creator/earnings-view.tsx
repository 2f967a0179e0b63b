"use client";

import { useQuery } from "@tanstack/react-query";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { LinedTableHead, rightAligned } from "@/components/ui/table";
import { Alert, Badge, Card, EmptyState, Skeleton } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { CreatorEarnings, CurrencyTotals, EarningsTotals } from "@/lib/creators/earnings-types";
import { EarningsChart } from "./earnings-chart";
import { EarningsTable } from "./earnings-table";
import { BalancesCard, PayoutHistoryCard } from "./payouts-section";

export const EARNINGS_QUERY_KEY = ["creator", "earnings"] as const;

async function fetchEarnings(): Promise<CreatorEarnings> {
  const res = await fetch("/api/creator/earnings", { cache: "no-store" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return (await res.json()) as CreatorEarnings;
}

/** The Earnings page body: polled every few seconds (and on focus), so sales and refunds show up live. */
export function EarningsView() {
  const { data, isPending, isError, error, refetch, isRefetchError } = useQuery({
    queryKey: EARNINGS_QUERY_KEY,
    queryFn: fetchEarnings,
    refetchInterval: 3_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  if (isPending) return <EarningsSkeleton />;
  if (isError && !data) {
    return (
      <div className="space-y-3">
        <Alert>Your earnings could not be loaded ({error.message}). Nothing was lost; try again in a moment.</Alert>
        <Button variant="secondary" onClick={() => void refetch()}>
          Try again
        </Button>
      </div>
    );
  }
  if (data.orders.length === 0 && data.totals.length === 0) {
    return <EmptyState title="No sales yet">When a customer orders with your code or through your link, the sale and your commission appear here within seconds.</EmptyState>;
  }
  return (
    <div className="space-y-6">
      {isRefetchError && <Alert tone="info">Could not refresh just now; showing the figures from {formatDate(data.generatedAt, { timeStyle: "medium" })} UTC. Retrying…</Alert>}
      <div className="grid gap-4 md:grid-cols-2" aria-label="Totals per currency">
        {data.currencies.map((c) => (
          <CurrencyCard key={c.currency} totals={c} />
        ))}
      </div>
      <BalancesCard balances={data.balances} />
      <PayoutHistoryCard items={data.payouts} />
      <Card title="Per brand" description="Each brand pays in its store's currency; amounts in different currencies are never added together.">
        <ScrollRegion label="Earnings per brand" className="-mx-5 px-5">
          <BrandTotalsTable totals={data.totals} />
        </ScrollRegion>
      </Card>
      <Card title="Net earnings over time" description={`Commission per day (UTC), last ${data.chartDays} days. Refunds show as negative bars.`}>
        <EarningsChart series={data.series} generatedAt={data.generatedAt} days={data.chartDays} />
      </Card>
      <Card
        title="Orders"
        description={data.ordersTruncated ? `Your latest ${data.orders.length} orders.` : "Every order credited to you, newest first."}
      >
        <EarningsTable orders={data.orders} />
      </Card>
    </div>
  );
}

function CurrencyCard({ totals: t }: { totals: CurrencyTotals }) {
  const m = (v: number) => formatMoney(v, t.currency);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={`earnings-${t.currency}`}>
      <p className="text-sm text-slate-500">
        Net earnings in {t.currency}
        <span className="text-slate-500">
          {" "}
          · {t.brands} {t.brands === 1 ? "brand" : "brands"}, {t.orders} {t.orders === 1 ? "order" : "orders"}
        </span>
      </p>
      <p className="mt-1 text-3xl font-semibold tracking-tight text-slate-900" data-testid={`net-${t.currency}`}>
        {m(t.netCents)}
      </p>
      <dl className="mt-4 grid grid-cols-2 gap-x-4 gap-y-2 text-sm">
        <Figure label="Earned on sales" value={m(t.earnedCents)} testId={`earned-${t.currency}`} />
        <Figure label="Reversed by refunds" value={t.reversedCents ? `−${m(t.reversedCents)}` : m(0)} testId={`reversed-${t.currency}`} tone={t.reversedCents ? "text-red-700" : undefined} />
        <Figure label={`Pending review${t.pendingOrders ? ` (${t.pendingOrders})` : ""}`} value={m(t.pendingCents)} testId={`pending-${t.currency}`} tone={t.pendingCents ? "text-amber-700" : undefined} />
        <Figure label={`Denied${t.deniedOrders ? ` (${t.deniedOrders})` : ""}`} value={t.deniedOrders ? `${m(t.deniedSalesCents)} in sales` : "none"} testId={`denied-${t.currency}`} />
        <Figure
          label={`Awaiting payment${t.awaitingPaymentOrders ? ` (${t.awaitingPaymentOrders})` : ""}`}
          value={t.awaitingPaymentOrders ? m(t.awaitingPaymentCents) : "none"}
          testId={`awaiting-${t.currency}`}
          tone={t.awaitingPaymentOrders ? "text-violet-700" : undefined}
        />
      </dl>
      {t.awaitingPaymentOrders > 0 && <p className="mt-3 text-xs text-slate-500">Awaiting payment: orders the customer has not paid yet. You earn their commission once they are paid; it is not in your net until then.</p>}
    </section>
  );
}

function Figure({ label, value, testId, tone = "text-slate-900" }: { label: string; value: string; testId: string; tone?: string | undefined }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500">{label}</dt>
      <dd className={`font-medium tabular-nums ${tone}`} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function BrandTotalsTable({ totals }: { totals: EarningsTotals[] }) {
  return (
    <table className="w-full min-w-[720px] text-sm" data-testid="brand-totals">
      <LinedTableHead columns={[{ label: "Brand" }, ...rightAligned("Orders", "Earned", "Refunds", "Net", "In review", "Awaiting payment", "Denied")]} />
      <tbody>
        {totals.map((t) => {
          const m = (v: number) => formatMoney(v, t.currency);
          return (
            <tr key={`${t.workspaceId}-${t.currency}`} className="border-b border-slate-100 last:border-0">
              <td className="py-2 pr-4">
                <span className="font-medium text-slate-900">{t.brand}</span> <Badge>{t.currency}</Badge>
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{t.orders}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{m(t.earnedCents)}</td>
              <td className="py-2 pr-4 text-right tabular-nums text-red-700">{t.reversedCents ? `−${m(t.reversedCents)}` : "—"}</td>
              <td className="py-2 pr-4 text-right font-semibold tabular-nums">{m(t.netCents)}</td>
              <td className="py-2 pr-4 text-right tabular-nums text-amber-700">{t.pendingOrders ? m(t.pendingCents) : "—"}</td>
              <td className="py-2 pr-4 text-right tabular-nums text-violet-700">{t.awaitingPaymentOrders ? m(t.awaitingPaymentCents) : "—"}</td>
              <td className="py-2 text-right tabular-nums">{t.deniedOrders || "—"}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function EarningsSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading earnings" data-testid="earnings-loading">
      <div className="grid gap-4 md:grid-cols-2">
        <Skeleton className="h-40" />
        <Skeleton className="h-40" />
      </div>
      <Skeleton className="h-32" />
      <Skeleton className="h-72" />
      <Skeleton className="h-64" />
    </div>
  );
}
