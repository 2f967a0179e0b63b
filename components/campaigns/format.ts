import { formatMoney } from "@/components/ui/format";

export function formatDiscount(c: { discountType: "percentage" | "fixed_amount"; discountValue: number; currency: string }): string {
  return c.discountType === "percentage" ? `${trimZeros(c.discountValue / 100)}% off` : `${formatMoney(c.discountValue, c.currency)} off`;
}

export function formatRate(bps: number): string {
  return `${trimZeros(bps / 100)}%`;
}

function trimZeros(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, "");
}

export const STATUS_TONE = { scheduled: "amber", active: "green", ended: "slate" } as const;
export const CODE_TONE = { pending: "amber", active: "green", failed: "red", deactivated: "slate" } as const;
