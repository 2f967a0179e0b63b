import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ConversionStatusActions } from "@/components/conversions/status-actions";
import { ConversionStatusBadge } from "@/components/conversions/status";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { formatDateTime, formatMoney } from "@/components/ui/format";
import { AppError } from "@/lib/api/app-error";
import type { Explanation } from "@/lib/attribution/types";
import { requireBrand } from "@/lib/auth/guards";
import { getOrderDetailOrThrow } from "@/lib/orders/get-order-detail";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { changeConversionStatusAction } from "../../actions";
import { DataTable } from "@/components/ui/table";

export const metadata: Metadata = { title: "Order" };

const OUTCOME: Record<string, { label: string; tone: "green" | "amber" | "red" | "slate" | "violet" }> = {
  won: { label: "credited", tone: "green" },
  lost_tie_break: { label: "lost the tie-break", tone: "amber" },
  not_a_creator_code: { label: "not a creator code", tone: "slate" },
  campaign_not_active: { label: "campaign not active", tone: "red" },
  code_deactivated: { label: "code deactivated", tone: "red" },
  enrollment_removed: { label: "creator removed", tone: "red" },
  outside_window: { label: "outside the click window", tone: "slate" },
  lost_to_code: { label: "a code came first", tone: "amber" },
  same_creator_as_code: { label: "same creator as the code", tone: "violet" },
};

export default async function OrderPage({ params }: { params: Promise<{ workspace: string; order_id: string }> }) {
  const { workspace: slug, order_id: orderId } = await params;
  const { db, access } = await requireBrand(slug);
  const detail = await getOrderDetailOrThrow(db, { workspaceId: access.workspace.id, orderId }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  const { order, conversion, ledger } = detail;
  const explanation = (conversion?.conversion.explanation ?? order.attributionExplanation) as Explanation | null;
  const money = (cents: number) => formatMoney(cents, order.currency);
  return (
    <>
      <PageHeader
        title={`Order ${order.name}`}
        description={
          <>
            Placed {formatDateTime(order.shopifyCreatedAt)} · {order.redactedAt ? "customer data erased" : (order.email ?? "no email")} ·{" "}
            <Link href={`/brand/${slug}/orders`} className="text-brand-700 underline">all orders</Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card title="Why this order was credited — or not" description="In the words of Tally's attribution rules, with the settings in force when the order arrived.">
          {explanation ? (
            <div className="space-y-4" data-testid="explanation">
              <p className="text-base">{explanation.summary}</p>
              {explanation.candidates.length > 0 && (
                <DataTable columns={[{ label: "Candidate" }, { label: "Creator" }, { label: "Outcome" }, { label: "Why" }]}>
                  {explanation.candidates.map((c) => (
                    <tr key={`${c.kind}-${c.value}`}>
                      <td className="whitespace-nowrap px-5 py-2 font-mono text-xs">{c.kind === "code" ? c.value : "referral link"}</td>
                      <td className="px-5 py-2">{c.creatorName ?? "—"}</td>
                      <td className="px-5 py-2"><Badge tone={OUTCOME[c.outcome]?.tone ?? "slate"}>{OUTCOME[c.outcome]?.label ?? c.outcome}</Badge></td>
                      <td className="px-5 py-2 text-slate-600">{c.detail}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
                <div><dt className="text-slate-500">Commissionable amount</dt><dd>{money(explanation.amount.amountCents)} <span className="text-slate-500">(subtotal after discounts{explanation.amount.taxesIncluded ? ", tax removed" : ""}; no shipping, no tax)</span></dd></div>
                <div><dt className="text-slate-500">Rule</dt><dd className="font-mono text-xs">{explanation.rule}</dd></div>
                <div><dt className="text-slate-500">Tie-break</dt><dd>{explanation.settings.tieBreak === "first_listed" ? "first code listed" : "oldest assigned code"}</dd></div>
                <div><dt className="text-slate-500">Self-referral rule</dt><dd>{explanation.settings.selfReferral === "deny" ? "a creator's own order earns no commission" : "a creator's own order is flagged for review"}{explanation.selfReferral ? ` — this order: ${explanation.selfReferral.detail}` : ""}</dd></div>
              </dl>
            </div>
          ) : (
            <p className="text-sm text-slate-500">Not looked at yet: the order is being processed.</p>
          )}
        </Card>

        {conversion && (
          <Card
            title={`Conversion · ${conversion.creatorName}`}
            description={`${conversion.campaignName} · ${conversion.conversion.type === "coupon" ? `code ${conversion.conversion.code}` : "referral link"}`}
            actions={<ConversionStatusBadge status={conversion.conversion.status} />}
          >
            <dl className="grid gap-4 text-sm sm:grid-cols-4" data-testid="conversion-figures">
              <Figure label="Order amount" value={money(conversion.conversion.orderAmountCents)} />
              <Figure label="Commission" value={money(conversion.conversion.commissionCents)} />
              <Figure label="Refunded" value={money(conversion.conversion.refundAmountCents)} />
              <Figure label="Net commission" value={money(conversion.conversion.commissionCents - conversion.conversion.refundedCommissionCents)} />
            </dl>
            <h3 className="mt-6 text-sm font-semibold">Ledger</h3>
            <DataTable columns={[{ label: "When" }, { label: "Entry" }, { label: "Amount", align: "right" }, { label: "Commission", align: "right" }, { label: "Note" }]} testId="ledger" className="mt-2">
              {ledger.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-5 py-2 text-slate-600">{formatDateTime(e.occurredAt)}</td>
                  <td className="px-5 py-2">{e.kind}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{money(e.amountCents)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{money(e.commissionCents)}</td>
                  <td className="px-5 py-2 text-slate-600">{e.note ?? ""}</td>
                </tr>
              ))}
            </DataTable>
            {roleAtLeast(access.role, "admin") && (
              <div className="mt-6">
                <ConversionStatusActions action={changeConversionStatusAction} workspace={slug} conversionId={conversion.conversion.id} status={conversion.conversion.status} />
              </div>
            )}
          </Card>
        )}
      </div>
    </>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-lg font-semibold tabular-nums">{value}</dd>
    </div>
  );
}
