import type { Metadata } from "next";
import Link from "next/link";
import { NewPayoutForm } from "@/components/payouts/payout-forms";
import { PayoutStatusBadge } from "@/components/payouts/payout-status-badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime, formatMoney } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import { requireBrand } from "@/lib/auth/guards";
import { payoutLabel } from "@/lib/payouts/create-payout";
import { getLiability } from "@/lib/payouts/get-balances";
import { listPayouts } from "@/lib/payouts/list-payouts";
import { getRunningPayoutRun } from "@/lib/payouts/payout-runs";
import { getPayoutSettings } from "@/lib/payouts/update-payout-settings";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { createPayoutAction } from "../actions";

export const metadata: Metadata = { title: "Payouts" };

export default async function PayoutsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [liability, { rows }, shop, settings, running] = await Promise.all([
    getLiability(db, access.workspace.id),
    listPayouts(db, { workspaceId: access.workspace.id, limit: 100 }),
    getConnectedShop(db, access.workspace.id),
    getPayoutSettings(db, access.workspace.id),
    getRunningPayoutRun(db, access.workspace.id),
  ]);
  const currencies = [...new Set([...liability.map((l) => l.currency), ...(shop?.currency ? [shop.currency] : [])])];
  const isAdmin = roleAtLeast(access.role, "admin");
  return (
    <>
      <PageHeader
        title="Payouts"
        description={
          <>
            Commission is held {settings.payoutHoldDays} days after an order is paid (<Link className="underline" href={`/brand/${slug}/settings#payouts`}>change</Link>), then payable. Refunds after a payout are taken back from the next one.
          </>
        }
      />
      <div className="space-y-6">
        <section aria-label="Liability" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" data-testid="payout-liability">
          {liability.length === 0 ? (
            <p className="text-sm text-slate-500 sm:col-span-4">No commission earned yet.</p>
          ) : (
            liability.map((l) => (
              <div key={l.currency} className="contents">
                <Figure testId={`pending-${l.currency}`} label={`Pending (${l.currency})`} value={formatMoney(l.pending, l.currency)} hint="Inside the hold" />
                <Figure testId={`payable-${l.currency}`} label={`Payable (${l.currency})`} value={formatMoney(l.payable, l.currency)} hint={`Next payout's estimate · ${l.creatorsPayable} creator${l.creatorsPayable === 1 ? "" : "s"}`} />
                <Figure testId={`in-payouts-${l.currency}`} label={`In payouts (${l.currency})`} value={formatMoney(l.inPayouts, l.currency)} hint="Not yet marked paid" />
                <Figure testId={`paid-${l.currency}`} label={`Paid (${l.currency})`} value={formatMoney(l.paid, l.currency)} hint="All time" />
              </div>
            ))
          )}
        </section>
        {isAdmin && (
          <Card title="New payout" description="One item per creator whose payable balance at the cutoff is above the minimum. Each order's commission is paid once, ever.">
            {currencies.length ? <NewPayoutForm action={createPayoutAction} workspace={slug} currencies={currencies} running={running} /> : <p className="text-sm text-slate-500">Connect a store first.</p>}
          </Card>
        )}
        {rows.length === 0 ? (
          <EmptyState title="No payouts yet">Create one when commission is payable: you get a file to upload to PayPal, and each creator sees what was paid.</EmptyState>
        ) : (
          <Card title="History">
            <DataTable
              label="Payouts" testId="payouts-table"
              columns={[{ label: "Payout" }, { label: "Status" }, { label: "Creators", align: "right" }, { label: "Total", align: "right" }, { label: "Created" }, { label: "Reference" }]}
            >
              {rows.map((p) => (
                <tr key={p.id}>
                  <td className="px-5 py-2 font-medium">
                    <Link className="text-brand-700 underline" href={`/brand/${slug}/payouts/${p.id}`}>
                      {payoutLabel(p.number)}
                    </Link>
                  </td>
                  <td className="px-5 py-2">
                    <PayoutStatusBadge status={p.status} />
                  </td>
                  <td className="px-5 py-2 text-right tabular-nums">{p.itemsCount}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{formatMoney(p.totalCents, p.currency)}</td>
                  <td className="whitespace-nowrap px-5 py-2 text-slate-500">{formatDateTime(p.createdAt)} UTC</td>
                  <td className="px-5 py-2 font-mono text-xs">{p.reference ?? "—"}</td>
                </tr>
              ))}
            </DataTable>
          </Card>
        )}
      </div>
    </>
  );
}

function Figure({ label, value, hint, testId }: { label: string; value: string; hint: string; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <p className="text-xs uppercase tracking-wide text-slate-500">{label}</p>
      <p className="mt-1 text-xl font-semibold tabular-nums text-slate-900" data-testid={testId}>
        {value}
      </p>
      <p className="text-xs text-slate-500">{hint}</p>
    </div>
  );
}
