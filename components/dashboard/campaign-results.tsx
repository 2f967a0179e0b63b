"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { CreatorResult } from "@/lib/dashboard/get-campaign-results";
import { Card } from "@/components/ui/card";
import { formatDate, formatMoney } from "@/components/ui/format";

type Results = {
  creators: CreatorResult[];
  totals: { orders: number; grossCents: number; refundCents: number; netCents: number; commissionCents: number; netCommissionCents: number };
};

/** Refund-adjusted results per creator, refreshed every few seconds without reloading the page. */
export function CampaignResults({ workspace, campaignId, currency, initial }: { workspace: string; campaignId: string; currency: string; initial: Results }) {
  const { data, isError } = useQuery({
    queryKey: ["campaign-results", workspace, campaignId],
    queryFn: async () => {
      const res = await fetch(`/api/brand/${workspace}/campaigns/${campaignId}/results`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Results;
    },
    initialData: initial,
    refetchInterval: 3_000,
  });
  const money = (c: number) => formatMoney(c, currency);
  const t = data.totals;
  const refundRate = t.grossCents ? `${((t.refundCents / t.grossCents) * 100).toFixed(1)}%` : "—";
  return (
    <Card title="Results" description="Refund-adjusted: refunds are taken off sales and commission as they happen.">
      {isError && <p className="mb-2 text-sm text-red-600">Could not refresh; showing the last known figures.</p>}
      <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-6" data-testid="campaign-kpis">
        <Kpi label="Orders" value={t.orders.toLocaleString("en-US")} />
        <Kpi label="Gross sales" value={money(t.grossCents)} />
        <Kpi label="Refunds" value={money(t.refundCents)} />
        <Kpi label="Net sales" value={money(t.netCents)} testId="kpi-net-sales" />
        <Kpi label="Commission owed" value={money(t.netCommissionCents)} testId="kpi-net-commission" />
        <Kpi label="Refund rate" value={refundRate} />
      </dl>
      {data.creators.length > 0 && (
        <div className="-mx-5 mt-5 overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="creator-results">
            <thead className="text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2 font-medium">Creator</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Orders</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Gross</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Refunds</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Net</th>
                <th scope="col" className="px-5 py-2 text-right font-medium">Commission</th>
                <th scope="col" className="px-5 py-2 font-medium">Last sale</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.creators.map((r) => (
                <tr key={r.creatorId}>
                  <td className="px-5 py-2">
                    <Link href={`/brand/${workspace}/conversions?campaign=${campaignId}&creator=${r.creatorId}`} className="font-medium hover:text-brand-700 hover:underline">{r.creatorName}</Link>
                    {r.code && <span className="ml-2 font-mono text-xs text-slate-500">{r.code}</span>}
                  </td>
                  <td className="px-5 py-2 text-right tabular-nums">{r.orders}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{money(r.grossCents)}</td>
                  <td className="px-5 py-2 text-right tabular-nums text-slate-600">{r.refundCents ? money(r.refundCents) : "—"}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{money(r.netCents)}</td>
                  <td className="px-5 py-2 text-right font-medium tabular-nums">{money(r.netCommissionCents)}</td>
                  <td className="px-5 py-2 text-slate-600">{formatDate(r.lastSaleAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums" data-testid={testId}>{value}</dd>
    </div>
  );
}
