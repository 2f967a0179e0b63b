"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { STATUS_TONE } from "@/components/campaigns/format";
import { Alert, Badge, Card, EmptyState } from "@/components/ui/card";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { WorkspaceResults as Results } from "@/lib/dashboard/get-workspace-results";
import { DataTable } from "@/components/ui/table";

/** Campaigns with their net figures to date, and the top creators across campaigns; live. */
export function WorkspaceResults({ workspace, initial }: { workspace: string; initial: Results }) {
  const { data, isError } = useQuery({
    queryKey: ["workspace-results", workspace],
    queryFn: async () => {
      const res = await fetch(`/api/brand/${workspace}/overview`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as Results;
    },
    initialData: initial,
    refetchInterval: 2_000,
    refetchOnWindowFocus: true,
  });
  const base = `/brand/${workspace}`;
  return (
    <div className="space-y-6">
      {isError && <Alert>Could not refresh; showing the last known figures.</Alert>}
      <Card title="Campaigns" description="Refund-adjusted figures to date. Open a campaign for its chart, date ranges and exports.">
        {data.campaigns.length === 0 ? (
          <EmptyState title="No campaigns yet" action={<Link href={`${base}/campaigns`} className="text-sm font-medium text-brand-700 hover:underline">Go to Campaigns</Link>}>
            A campaign gives every creator their own code in your store; its results appear here.
          </EmptyState>
        ) : (
          <DataTable label="Campaign results" columns={[{ label: "Campaign" }, { label: "Status" }, { label: "Orders", align: "right" }, { label: "Net sales", align: "right" }, { label: "Refunds", align: "right" }, { label: "Commission owed", align: "right" }]} testId="overview-campaigns">
            {data.campaigns.map((c) => (
              <tr key={c.id}>
                <td className="px-5 py-2">
                  <Link href={`${base}/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">{c.name}</Link>
                  <span className="block text-xs text-slate-500">{formatDate(c.startsAt)} – {c.endsAt ? formatDate(c.endsAt) : "open-ended"}</span>
                </td>
                <td className="px-5 py-2"><Badge tone={STATUS_TONE[c.status]}>{c.status}</Badge></td>
                <td className="px-5 py-2 text-right tabular-nums">{c.orders.toLocaleString("en-US")}</td>
                <td className="px-5 py-2 text-right tabular-nums">{formatMoney(c.netCents, c.currency)}</td>
                <td className="px-5 py-2 text-right tabular-nums text-slate-600">{c.refundCents ? formatMoney(c.refundCents, c.currency) : "—"}</td>
                <td className="px-5 py-2 text-right font-medium tabular-nums">
                  {formatMoney(c.netCommissionCents, c.currency)}
                  {c.awaitingPayment.orders > 0 && (
                    <span className="block text-[11px] font-normal text-violet-700">+{formatMoney(c.awaitingPayment.commissionCents, c.currency)} awaiting payment</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </Card>
      <Card title="Top creators" description="Across all campaigns, by commission owed net of refunds.">
        {data.topCreators.length === 0 ? (
          <p className="text-sm text-slate-500">No sales yet. Creators appear here with their first attributed order.</p>
        ) : (
          <ol className="divide-y divide-slate-100" data-testid="top-creators">
            {data.topCreators.map((c, i) => (
              <li key={`${c.creatorId}-${c.currency}`} className="flex items-center gap-3 py-2 text-sm">
                <span className="w-5 text-right tabular-nums text-slate-500">{i + 1}</span>
                <Link href={`${base}/conversions?creator=${c.creatorId}`} className="min-w-0 flex-1 truncate font-medium text-slate-900 hover:text-brand-700 hover:underline">
                  {c.name}
                  {c.handle && <span className="ml-1.5 text-xs font-normal text-slate-500">@{c.handle}</span>}
                </Link>
                <span className="hidden text-xs text-slate-500 sm:inline">{c.orders.toLocaleString("en-US")} orders · {c.campaigns} {c.campaigns === 1 ? "campaign" : "campaigns"}</span>
                <span className="w-28 text-right font-medium tabular-nums">{formatMoney(c.netCommissionCents, c.currency)}</span>
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
