/**
 * Whether Shopify says an order is paid, from its `financial_status`:
 * - paid: `paid`, `partially_refunded`, `refunded` (the money was collected, some maybe given back);
 * - voided: `voided` (an authorization cancelled) or `expired` (an authorization that lapsed): the
 *   money will never come;
 * - unpaid: `pending` (cash on delivery, bank deposit…), `authorized` (not captured yet),
 *   `partially_paid`, and any value Tally does not know (`known: false`, logged by the caller):
 *   an order earns nothing until Shopify says it is paid.
 */
export type PaymentState = "paid" | "unpaid" | "voided";

export const PAID_FINANCIAL_STATUSES = ["paid", "partially_refunded", "refunded"] as const;
const VOIDED = ["voided", "expired"];
const UNPAID = ["pending", "authorized", "partially_paid"];

export function paymentState(financialStatus: string | null | undefined): { state: PaymentState; known: boolean } {
  const s = (financialStatus ?? "").trim().toLowerCase();
  if ((PAID_FINANCIAL_STATUSES as readonly string[]).includes(s)) return { state: "paid", known: true };
  if (VOIDED.includes(s)) return { state: "voided", known: true };
  return { state: "unpaid", known: UNPAID.includes(s) };
}
