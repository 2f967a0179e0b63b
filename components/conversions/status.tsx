import { Badge } from "@/components/ui/card";

export const CONVERSION_TONE = { approved: "green", flagged: "amber", denied: "red", reversed: "slate" } as const;
export type ConversionStatus = keyof typeof CONVERSION_TONE;

const LABEL: Record<ConversionStatus, string> = { approved: "approved", flagged: "flagged for review", denied: "denied", reversed: "reversed" };

export function ConversionStatusBadge({ status }: { status: ConversionStatus }) {
  return <Badge tone={CONVERSION_TONE[status]}>{LABEL[status]}</Badge>;
}
