import type { Metadata } from "next";
import Link from "next/link";
import { describeLine } from "@/components/payouts/describe-line";
import { FailItemForm, PayoutStatusForm } from "@/components/payouts/payout-forms";
import { PayoutStatusBadge } from "@/components/payouts/payout-status-badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { formatDate, formatDateTime, formatMoney } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import { requireBrand, requirePayout } from "@/lib/auth/guards";
import { payoutLabel } from "@/lib/payouts/create-payout";
import { listPayoutItemLines } from "@/lib/payouts/list-payouts";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { changePayoutAction, failPayoutItemAction } from "../actions";

export const metadata: Metadata = { title: "Payout" };

export default async function PayoutPage({ params }: { params: Promise<{ workspace: string; payout_id: string }> }) {
  const { workspace: slug, payout_id } = await params;
  const { db, access } = await requireBrand(slug);
  const { payout, items } = await requirePayout(slug, payout_id);
  const deductions = await listPayoutItemLines(db, { workspaceId: access.workspace.id, payoutId: payout.id, deductionsOnly: true });
  const isAdmin = roleAtLeast(access.role, "admin");
  const label = payoutLabel(payout.number);
  const exportBase = `/api/brand/${slug}/payouts/${payout.id}/export`;
  return (
    <>
      <PageHeader
        title={`Payout ${label}`}
        description={
          <>
            <PayoutStatusBadge status={payout.status} /> · {formatMoney(payout.totalCents, payout.currency)} to {items.filter((i) => i.status === "pending" || i.status === "paid").length} creator(s) · cutoff {formatDateTime(payout.cutoffAt)} UTC
            {payout.reference ? <> · reference <span className="font-mono">{payout.reference}</span></> : null}
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <a className={buttonClass("secondary")} href={`${exportBase}?format=csv`} download>
              Export CSV
            </a>
            <a className={buttonClass("secondary")} href={`${exportBase}?format=paypal`} download>
              PayPal payouts file
            </a>
          </div>
        }
      />
      <div className="space-y-6">
        <p className="text-sm">
          <Link className="text-brand-700 underline" href={`/brand/${slug}/payouts`}>
            ← All payouts
          </Link>
        </p>
        {isAdmin && (payout.status === "draft" || payout.status === "processing") && (
          <Card title="Pay it" description="Upload the PayPal file (or pay another way), mark it as sent, then paid. An item PayPal could not pay is marked failed: its commission is payable again.">
            <PayoutStatusForm action={changePayoutAction} workspace={slug} payoutId={payout.id} status={payout.status} />
          </Card>
        )}
        <Card title="Items">
          <DataTable
            label="Payout items" testId="payout-items"
            columns={[{ label: "Creator" }, { label: "Amount", align: "right" }, { label: "Orders", align: "right" }, { label: "Period" }, { label: "Status" }, { label: "Lines" }]}
          >
            {items.map((i) => {
              const mine = deductions.filter((d) => d.itemId === i.id);
              return (
                <tr key={i.id} data-testid={`payout-item-${i.creatorId}`} className="align-top">
                  <td className="px-5 py-2">
                    <div className="font-medium">{i.creatorName ?? i.creatorEmail}</div>
                    <div className="text-xs text-slate-500">{i.payoutEmail}</div>
                  </td>
                  <td className="px-5 py-2 text-right font-medium tabular-nums">{formatMoney(i.amountCents, i.currency)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{i.ordersCount}</td>
                  <td className="whitespace-nowrap px-5 py-2 text-slate-500">
                    {formatDate(i.periodStart)} – {formatDate(i.periodEnd)}
                  </td>
                  <td className="px-5 py-2">
                    <PayoutStatusBadge status={i.status} />
                    {i.reference && <div className="font-mono text-xs text-slate-500">{i.reference}</div>}
                    {i.failureReason && <div className="text-xs text-red-700">{i.failureReason}</div>}
                    {isAdmin && (i.status === "pending" || i.status === "paid") && payout.status !== "cancelled" && <FailItemForm action={failPayoutItemAction} workspace={slug} payoutId={payout.id} itemId={i.id} />}
                  </td>
                  <td className="px-5 py-2 text-xs">
                    {mine.length === 0 ? (
                      <span className="text-slate-500">{i.entriesCount} sale entr{i.entriesCount === 1 ? "y" : "ies"}</span>
                    ) : (
                      <ul className="space-y-0.5" data-testid="payout-deductions">
                        {mine.map((d) => (
                          <li key={d.entryId} className="text-red-700">
                            {describeLine(d, i.currency)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </Card>
      </div>
    </>
  );
}
