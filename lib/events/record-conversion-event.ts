import type { Db } from "@/db/client";
import type { conversions } from "@/db/schema";
import { conversionJson } from "@/lib/serializers/v1";
import { recordEvent } from "./record-event";

type ConversionRow = typeof conversions.$inferSelect;

export type ConversionEventType = "conversion.created" | "conversion.status_changed" | "conversion.refunded" | "conversion.adjusted";

/**
 * The conversion as `GET /api/v1/conversions` shows it, as the change left it, plus what the change
 * was (`previous_status`, `refund`, `adjustment`). Where its commission is in the payout cycle
 * (`payable_at`, `paid_amount`) is not part of an event: it moves with time, not with the change.
 */
export function conversionEventData(row: ConversionRow, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { payable_at: _payableAt, paid_amount: _paidAmount, ...json } = conversionJson(row);
  return { ...json, refunded_commission: row.refundedCommissionCents, ...extra };
}

/** Records a conversion event in `db`'s transaction (see recordEvent). */
export function recordConversionEvent(
  db: Db,
  input: { type: ConversionEventType; conversion: ConversionRow; sourceKey: string; extra?: Record<string, unknown> },
): Promise<string | null> {
  return recordEvent(db, {
    workspaceId: input.conversion.workspaceId,
    type: input.type,
    sourceKey: input.sourceKey,
    subjectId: input.conversion.id,
    data: conversionEventData(input.conversion, input.extra),
  });
}
