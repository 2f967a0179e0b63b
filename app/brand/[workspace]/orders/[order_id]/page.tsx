import type { Metadata } from "next";
import Link from "next/link";
import { ConversionStatusActions } from "@/components/conversions/status-actions";
import { ConversionStatusBadge } from "@/components/conversions/status";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn, formatMoney } from "@/components/ui/format";
import { explainDecision } from "@/lib/attribution/explain-decision";
import type { Explanation } from "@/lib/attribution/types";
import { paymentState } from "@/lib/ledger/payment-state";
import { requireBrand, requireOrder } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { changeConversionStatusAction } from "../../actions";
import { DataTable } from "@/components/ui/table";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

export const metadata: Metadata = { title: "Order" };

/** Ledger entry kinds in a brand's words (lib/ledger/kinds.ts). */
const ENTRY_LABEL: Record<string, string> = {
  sale: "sale",
  edit: "order edit",
  refund: "refund",
  cancellation: "cancellation",
  rounding: "refund rounding",
  status_change: "status change",
  reconcile_amount: "reconciliation: amount",
  reconcile_refund: "reconciliation: refunds",
  ineligible: "taken out: not eligible",
  ineligible_refund: "taken out: its refunds",
};

const PAYMENT_TONE = { paid: "green", unpaid: "violet", voided: "slate" } as const;

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
  const [detail, shop] = await Promise.all([requireOrder(slug, orderId), getConnectedShop(db, access.workspace.id)]);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const formatDateTime = (value: Date | null) => formatDateTimeIn(value, timeZone);
  const { order, lines, conversion, ledger } = detail;
  const explanation = (conversion?.conversion.explanation ?? order.attributionExplanation) as Explanation | null;
  const words = explanation ? explainDecision(explanation, conversion ? { status: conversion.conversion.status, testOrder: conversion.conversion.testOrder } : {}) : null;
  const money = (cents: number) => formatMoney(cents, order.currency);
  const payment = paymentState(order.financialStatus);
  const c = conversion?.conversion;
  return (
    <>
      <PageHeader
        title={`Order ${order.name}`}
        description={
          <>
            Placed {formatDateTime(order.shopifyCreatedAt)} · {order.redactedAt ? "customer data erased" : (order.email ?? "no email")} ·{" "}
            <Badge tone={PAYMENT_TONE[payment.state]}>{order.financialStatus ? order.financialStatus.replace(/_/g, " ") : "payment unknown"}</Badge>
            {order.paidAt && order.paidAt.getTime() - (order.processedAt ?? order.shopifyCreatedAt).getTime() >= 60_000 && <> · paid {formatDateTime(order.paidAt)}</>}
            {order.test && (
              <>
                {" "}
                · <Badge tone="amber">test order</Badge>
              </>
            )}{" "}
            · <Link href={`/brand/${slug}/orders`} className="text-brand-700 underline">all orders</Link>
          </>
        }
      />
      <div className="space-y-6">
        <Card title="Why this order was credited — or not" description="In the words of Tally's attribution rules, with the settings in force when the order arrived.">
          {explanation && words ? (
            <div className="space-y-4" data-testid="explanation">
              <p className="text-base">{words.summary}</p>
              {words.candidates.length > 0 && (
                <DataTable label="Codes and links considered" columns={[{ label: "Candidate" }, { label: "Creator" }, { label: "Outcome" }, { label: "Why" }]}>
                  {words.candidates.map((c) => (
                    <tr key={`${c.kind}-${c.value}`}>
                      <td className="whitespace-nowrap px-5 py-2 font-mono text-xs">{c.kind === "code" ? c.value : "referral link"}</td>
                      <td className="px-5 py-2">{c.creatorName ?? "—"}</td>
                      <td className="px-5 py-2">
                        {c.outcome === "won" && !conversion ? <Badge tone="slate">would be credited</Badge> : <Badge tone={OUTCOME[c.outcome]?.tone ?? "slate"}>{OUTCOME[c.outcome]?.label ?? c.outcome}</Badge>}
                      </td>
                      <td className="px-5 py-2 text-slate-600">{c.detail}</td>
                    </tr>
                  ))}
                </DataTable>
              )}
              <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
                <div><dt className="text-slate-500">Commissionable amount</dt><dd>{money(explanation.amount.amountCents)} <span className="text-slate-500">(subtotal after discounts{explanation.amount.taxesIncluded ? ", tax removed" : ""}; no shipping, no tax, no gift cards)</span></dd></div>
                <div><dt className="text-slate-500">Rule</dt><dd className="font-mono text-xs">{explanation.rule}</dd></div>
                <div><dt className="text-slate-500">Tie-break</dt><dd>{explanation.settings?.tieBreak === "oldest_assigned" ? "oldest assigned code" : "first code listed"}</dd></div>
                <div><dt className="text-slate-500">Self-referral rule</dt><dd>{explanation.settings?.selfReferral === "flag" ? "a creator's own order is flagged for review" : "a creator's own order earns no commission"}{words.selfReferral ? ` — this order: ${words.selfReferral}` : ""}</dd></div>
              </dl>
            </div>
          ) : (
            <p className="text-sm text-slate-500">Not looked at yet: the order is being processed.</p>
          )}
        </Card>

        <Card title="Lines" description={order.linesRecorded ? "As Shopify states them. Gift cards never earn commission: they are money the store owes back in goods." : "This order was recorded before Tally kept order lines; the next reconciliation reads them from Shopify."}>
          {lines.length === 0 ? (
            <p className="text-sm text-slate-500">{order.linesRecorded ? "Shopify sent no lines for this order." : "Lines not recorded yet."}</p>
          ) : (
            <DataTable label="Order lines" columns={[{ label: "Item" }, { label: "Net", align: "right" }, { label: "Qty", align: "right" }, { label: "Unit price", align: "right" }, { label: "Discounts", align: "right" }]} testId="order-lines">
              {lines.map((l) => (
                <tr key={l.shopifyLineItemId}>
                  <td className="px-5 py-2">
                    {l.title}
                    {l.variantTitle && <span className="text-slate-500"> · {l.variantTitle}</span>}
                    {l.giftCard && (
                      <>
                        {" "}
                        <Badge tone="slate">gift card · earns nothing</Badge>
                      </>
                    )}
                    {l.sku && <p className="font-mono text-xs text-slate-500">{l.sku}</p>}
                  </td>
                  <td className={`whitespace-nowrap px-5 py-2 text-right tabular-nums ${l.giftCard ? "text-slate-500 line-through" : "font-medium"}`}>{money(l.priceCents * l.quantity - l.discountCents)}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{l.quantity}</td>
                  <td className="px-5 py-2 text-right tabular-nums">{money(l.priceCents)}</td>
                  <td className="px-5 py-2 text-right tabular-nums text-slate-600">{l.discountCents ? `−${money(l.discountCents)}` : "—"}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>

        {conversion && c && (
          <Card
            title={`Conversion · ${conversion.creatorName}`}
            description={`${conversion.campaignName} · ${conversion.conversion.type === "coupon" ? `code ${conversion.conversion.code}` : "referral link"}`}
            actions={<ConversionStatusBadge status={conversion.conversion.status} />}
          >
            {c.status === "pending" ? (
              <div className="rounded-md border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-900" data-testid="conversion-awaiting-payment">
                <p className="font-medium">Awaiting payment: nothing is earned yet.</p>
                <dl className="mt-2 grid gap-4 sm:grid-cols-2">
                  <Figure label="Order amount once paid" value={money(c.pendingAmountCents)} />
                  <Figure label="Commission once paid" value={money(c.pendingCommissionCents)} />
                </dl>
              </div>
            ) : (
              <dl className="grid gap-4 text-sm sm:grid-cols-4" data-testid="conversion-figures">
                <Figure label="Order amount" value={money(c.orderAmountCents)} />
                <Figure label="Commission" value={money(c.commissionCents)} />
                <Figure label="Refunded" value={money(c.refundAmountCents)} />
                <Figure label="Net commission" value={money(c.commissionCents - c.refundedCommissionCents)} />
              </dl>
            )}
            <h3 className="mt-6 text-sm font-semibold">Ledger</h3>
            {ledger.length === 0 && <p className="mt-2 text-sm text-slate-500">{c.status === "pending" ? "Nothing yet: the sale is written when Shopify says the order is paid." : "No money moved: nothing was earned."}</p>}
            {ledger.length > 0 && (
              <DataTable label="Ledger entries" columns={[{ label: "When" }, { label: "Entry" }, { label: "Amount", align: "right" }, { label: "Commission", align: "right" }, { label: "Note" }]} testId="ledger" className="mt-2">
                {ledger.map((e) => (
                  <tr key={e.id}>
                    <td className="whitespace-nowrap px-5 py-2 text-slate-600">{formatDateTime(e.occurredAt)}</td>
                    <td className="px-5 py-2">{ENTRY_LABEL[e.kind] ?? e.kind}</td>
                    <td className="px-5 py-2 text-right tabular-nums">{money(e.amountCents)}</td>
                    <td className="px-5 py-2 text-right tabular-nums">{money(e.commissionCents)}</td>
                    <td className="px-5 py-2 text-slate-600">{e.note ?? ""}</td>
                  </tr>
                ))}
              </DataTable>
            )}
            {roleAtLeast(access.role, "admin") && (
              <div className="mt-6">
                <ConversionStatusActions action={changeConversionStatusAction} workspace={slug} conversionId={c.id} status={c.status} testOrder={c.testOrder} />
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
