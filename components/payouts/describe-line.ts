import { formatMoney } from "@/components/ui/format";

const KIND_WORDS: Record<string, string> = {
  refund: "refund",
  cancellation: "cancellation",
  rounding: "refund rounding",
  status_change: "review",
  reconcile_amount: "correction",
  reconcile_refund: "refund correction",
  ineligible: "correction",
  ineligible_refund: "correction",
  edit: "order edit",
  sale: "sale",
};

/** "refund of #1036 after payout P-0003: −$14.71" — one formatter for both portals. */
export function describeLine(line: { kind: string; orderName: string; commissionCents: number; clawbackOf: { label: string } | null }, currency: string): string {
  const what = `${KIND_WORDS[line.kind] ?? line.kind} of ${line.orderName}`;
  const amount = formatMoney(line.commissionCents, currency).replace("-", "−");
  return line.clawbackOf ? `${what} after payout ${line.clawbackOf.label}: ${amount}` : `${what}: ${amount}`;
}
