import type { Metadata } from "next";
import Link from "next/link";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn, formatMoney } from "@/components/ui/format";
import { requireBrand } from "@/lib/auth/guards";
import { listOrders } from "@/lib/orders/list-orders";
import { paymentState } from "@/lib/ledger/payment-state";
import { DataTable } from "@/components/ui/table";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

export const metadata: Metadata = { title: "Orders" };

export default async function OrdersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [rows, shop] = await Promise.all([listOrders(db, { workspaceId: access.workspace.id }), getConnectedShop(db, access.workspace.id)]);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  return (
    <>
      <PageHeader title="Orders" description="Orders recorded from your Shopify store, with their refunds. Amounts are the discounted subtotal, without shipping and tax." />
      {rows.length === 0 ? (
        <EmptyState title="No orders yet">Orders appear here seconds after they are placed in your connected store.</EmptyState>
      ) : (
        <DataTable label="Orders" columns={[{ label: "Order" }, { label: "Placed" }, { label: "Customer" }, { label: "Codes" }, { label: "Subtotal", align: "right" }, { label: "Refunded", align: "right" }, { label: "Status" }, { label: "Credited to" }]} variant="panel" testId="orders">
          {rows.map((o) => (
            <tr key={o.id}>
              <td className="px-4 py-2 font-medium">
                <Link href={`/brand/${slug}/orders/${o.id}`} className="text-brand-700 hover:underline">{o.name}</Link>
              </td>
              <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTimeIn(o.createdAt, timeZone)}</td>
              <td className="px-4 py-2 text-slate-600">{o.redactedAt ? <span className="italic text-slate-500">redacted</span> : (o.email ?? "—")}</td>
              <td className="px-4 py-2 font-mono text-xs">{o.discountCodes.join(", ") || "—"}</td>
              <td className="px-4 py-2 text-right tabular-nums">{formatMoney(o.subtotalCents, o.currency)}</td>
              <td className="px-4 py-2 text-right tabular-nums text-slate-600">{o.refundedCents ? formatMoney(o.refundedCents, o.currency) : "—"}</td>
              <td className="px-4 py-2">
                {o.cancelledAt ? <Badge tone="red">Cancelled</Badge> : o.refundCount > 0 ? <Badge tone="amber">Refunded</Badge> : paymentState(o.financialStatus).state === "unpaid" ? <Badge tone="violet">Awaiting payment</Badge> : paymentState(o.financialStatus).state === "voided" ? <Badge tone="slate">Voided</Badge> : <Badge tone="green">Open</Badge>}
                {o.test && <> <Badge tone="amber">Test</Badge></>}
              </td>
              <td className="px-4 py-2 text-slate-600">{o.creditedTo ?? (o.attributionStatus === "pending" ? "…" : "—")}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
