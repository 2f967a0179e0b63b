export type CampaignStatus = "scheduled" | "active" | "ended";

/** Derived, never stored: ended (ended by hand, or its end has passed), scheduled (not started), active. */
export function campaignStatus(
  c: { startsAt: Date; endsAt: Date | null; endedAt: Date | null },
  now: Date = new Date(),
): CampaignStatus {
  if (c.endedAt || (c.endsAt && c.endsAt <= now)) return "ended";
  if (c.startsAt > now) return "scheduled";
  return "active";
}

/** Whether a code or link of this campaign counted at a moment (an order's created_at). */
export function campaignActiveAt(c: { startsAt: Date; endsAt: Date | null; endedAt: Date | null }, at: Date): boolean {
  if (at < c.startsAt) return false;
  if (c.endsAt && at >= c.endsAt) return false;
  if (c.endedAt && at >= c.endedAt) return false;
  return true;
}
