import { Badge } from "@/components/ui/card";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { CreatorOrder } from "@/lib/creators/earnings-types";
import { OrderPayoutState } from "./payouts-section";
import { explainForCreator, ORDER_STATUS_LABEL, ORDER_STATUS_TONE } from "./explain";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { LinedTableHead, rightAligned } from "@/components/ui/table";

/** One row per order credited to the creator; scrolls inside its card on small screens. */
export function EarningsTable({ orders }: { orders: CreatorOrder[] }) {
  return (
    <ScrollRegion label="Orders credited to you" className="-mx-5 px-5" testId="earnings-orders-scroll">
      <table className="w-full min-w-[1000px] text-sm" data-testid="earnings-orders">
        <LinedTableHead
          columns={[{ label: "Order" }, { label: "Brand" }, ...rightAligned("Amount", "Commission"), { label: "Refunds" }, { label: "Status" }, { label: "Payout" }, { label: "How it was credited" }]}
        />
        <tbody>
          {orders.map((o) => {
            const m = (v: number) => formatMoney(v, o.currency);
            return (
              <tr key={o.id} className="border-b border-slate-100 align-top last:border-0" data-testid="earnings-order">
                <td className="py-2 pr-4">
                  <div className="font-medium text-slate-900">{o.orderName}</div>
                  <div className="text-xs text-slate-500">{formatDate(o.orderCreatedAt)}</div>
                </td>
                <td className="py-2 pr-4">{o.brand}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{m(o.amountCents)}</td>
                <td className="py-2 pr-4 text-right tabular-nums">
                  <div className="font-medium">{m(o.netCommissionCents)}</div>
                  {o.refundedCommissionCents > 0 && <div className="text-xs text-slate-500">of {m(o.commissionCents)}</div>}
                </td>
                <td className="py-2 pr-4">
                  {o.refunds.length === 0 ? (
                    <span className="text-slate-500">—</span>
                  ) : (
                    <ul className="space-y-0.5 text-xs">
                      {o.refunds.map((r, i) => (
                        <li key={i} className="whitespace-nowrap">
                          <span className="text-slate-500">{formatDate(r.at)}</span>{" "}
                          {r.kind === "rounding" ? "rounding" : r.kind === "cancel" ? `cancelled ${m(r.amountCents)}` : `refund ${m(r.amountCents)}`}
                          <span className="text-red-700"> −{m(r.commissionCents)}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="py-2 pr-4">
                  <Badge tone={ORDER_STATUS_TONE[o.status]}>{ORDER_STATUS_LABEL[o.status]}</Badge>
                </td>
                <td className="py-2 pr-4" data-testid="earnings-order-payout">
                  <OrderPayoutState payout={o.payout} currency={o.currency} />
                </td>
                <td className="max-w-xs py-2 text-xs text-slate-600">{explainForCreator(o)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
