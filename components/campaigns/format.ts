import { formatMoney, formatPercent } from "@/components/ui/format";

export function formatDiscount(c: { discountType: "percentage" | "fixed_amount"; discountValue: number; currency: string }): string {
  return c.discountType === "percentage" ? `${formatPercent(c.discountValue)} off` : `${formatMoney(c.discountValue, c.currency)} off`;
}

export const STATUS_TONE = { scheduled: "amber", active: "green", ended: "slate" } as const;
export const CODE_TONE = { pending: "amber", active: "green", failed: "red", deactivated: "slate" } as const;
