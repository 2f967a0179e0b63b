import { describeLine } from "@/components/payouts/describe-line";
import { PayoutStatusBadge } from "@/components/payouts/payout-status-badge";
import { Card } from "@/components/ui/card";
import { formatDate, formatMoney } from "@/components/ui/format";
import type { CreatorBalance, CreatorOrderPayout, CreatorPayoutItem } from "@/lib/creators/earnings-types";

/** Pending (with when it becomes payable), Payable, In payouts, Paid — per brand and currency. */
/** Money with a typographic minus, as the rest of the portal shows refunds. */
const money = (v: number, currency: string) => formatMoney(v, currency).replace("-", "−");

export function BalancesCard({ balances }: { balances: CreatorBalance[] }) {
  if (balances.length === 0) return null;
  return (
    <Card title="Payouts" description="Commission waits for the brand's return window, then is payable and paid in the brand's next payout. A refund after a payout is taken back from the next one.">
      <ul className="divide-y divide-slate-100" data-testid="creator-balances">
        {balances.map((b) => {
          const m = (v: number) => money(v, b.currency);
          return (
            <li key={`${b.workspaceId}-${b.currency}`} className="py-3 first:pt-0 last:pb-0" data-testid="creator-balance">
              <p className="text-sm font-medium text-slate-900">
                {b.brand} <span className="font-normal text-slate-500">· {b.currency}</span>
              </p>
              <dl className="mt-2 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
                <div>
                  <dt className="text-xs text-slate-500">Pending</dt>
                  <dd className="font-semibold tabular-nums">{m(b.pending)}</dd>
                  {b.nextPayableAt && b.pending !== 0 && <dd className="text-xs text-slate-500">next payable {formatDate(b.nextPayableAt)}</dd>}
                </div>
                <div>
                  <dt className="text-xs text-slate-500">Payable</dt>
                  <dd className={`font-semibold tabular-nums ${b.payable < 0 ? "text-red-700" : ""}`}>{m(b.payable)}</dd>
                  {b.payable < 0 && <dd className="text-xs text-red-700">refunds after a payout; deducted from your next one</dd>}
                </div>
                <div>
                  <dt className="text-xs text-slate-500">In a payout</dt>
                  <dd className="font-semibold tabular-nums">{m(b.inPayouts)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-slate-500">Paid</dt>
                  <dd className="font-semibold tabular-nums">{m(b.paid)}</dd>
                </div>
              </dl>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** The payouts that paid the creator, with their references and deductions. */
export function PayoutHistoryCard({ items }: { items: CreatorPayoutItem[] }) {
  if (items.length === 0) return null;
  return (
    <Card title="Payout history">
      <ul className="divide-y divide-slate-100" data-testid="creator-payouts">
        {items.map((i) => (
          <li key={i.id} className="flex flex-wrap items-start justify-between gap-2 py-3 first:pt-0 last:pb-0" data-testid="creator-payout">
            <div className="min-w-0">
              <p className="text-sm font-medium text-slate-900">
                {i.brand} · {i.payout} <PayoutStatusBadge status={i.status} />
              </p>
              <p className="text-xs text-slate-500">
                {i.orders} order{i.orders === 1 ? "" : "s"} · {formatDate(i.periodStart)} – {formatDate(i.periodEnd)}
                {i.paidAt ? ` · paid ${formatDate(i.paidAt)}` : ""}
                {i.reference ? ` · ref ${i.reference}` : ""}
              </p>
              {i.failureReason && <p className="text-xs text-red-700">Failed: {i.failureReason}. The amount is payable again.</p>}
              {i.deductions.length > 0 && (
                <ul className="mt-1 space-y-0.5 text-xs text-red-700">
                  {i.deductions.map((d, k) => (
                    <li key={k}>{describeLine(d, i.currency)}</li>
                  ))}
                </ul>
              )}
            </div>
            <p className="text-sm font-semibold tabular-nums">{formatMoney(i.amountCents, i.currency)}</p>
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** An order line's payout state in a few words: pending until…, payable, in P-0004, paid in P-0003, clawed back. */
export function OrderPayoutState({ payout, currency }: { payout: CreatorOrderPayout | null; currency: string }) {
  if (!payout) return <span className="text-slate-500">—</span>;
  const m = (v: number) => formatMoney(v, currency);
  const parts: string[] = [];
  if (payout.paid > 0) parts.push(`paid in ${payout.paidIn.join(", ")}`);
  if (payout.clawedBack > 0) parts.push(`${m(payout.clawedBack)} clawed back`);
  if (payout.inPayouts !== 0) parts.push("in a payout");
  if (payout.pending !== 0) parts.push(`pending until ${formatDate(payout.payableAt)}`);
  if (payout.payable > 0) parts.push("payable");
  return <span className="text-xs">{parts.length ? parts.join(" · ") : "nothing to pay"}</span>;
}
