import { Badge } from "@/components/ui/card";

export const CONVERSION_TONE = { pending: "violet", approved: "green", flagged: "amber", denied: "red", reversed: "slate", voided: "slate" } as const;
export type ConversionStatus = keyof typeof CONVERSION_TONE;

/** In a brand's words: pending = the order is not paid yet; voided = never paid, nothing earned. */
export const CONVERSION_LABEL: Record<ConversionStatus, string> = {
  pending: "awaiting payment",
  approved: "approved",
  flagged: "flagged for review",
  denied: "denied",
  reversed: "reversed",
  voided: "voided · never paid",
};

export function ConversionStatusBadge({ status }: { status: ConversionStatus }) {
  return <Badge tone={CONVERSION_TONE[status]}>{CONVERSION_LABEL[status]}</Badge>;
}
