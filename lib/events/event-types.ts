/** Every outbound event type, in the words of the API (docs/events.md describes each). */
export const EVENT_TYPES = [
  "conversion.created",
  "conversion.status_changed",
  "conversion.refunded",
  "conversion.adjusted",
  "payout.created",
  "payout.paid",
  "payout.item_failed",
  "creator.added",
  "campaign.ended",
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
