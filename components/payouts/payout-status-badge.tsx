import { Badge } from "@/components/ui/card";

const TONES = { draft: "slate", processing: "amber", paid: "green", cancelled: "red", pending: "slate", failed: "red" } as const;
const WORDS: Record<string, string> = { draft: "Draft", processing: "Sent", paid: "Paid", cancelled: "Cancelled", pending: "Unpaid", failed: "Failed" };

/** A payout's or a payout item's status, in words. */
export function PayoutStatusBadge({ status }: { status: string }) {
  return <Badge tone={TONES[status as keyof typeof TONES] ?? "slate"}>{WORDS[status] ?? status}</Badge>;
}
