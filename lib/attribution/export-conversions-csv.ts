import type { Db } from "@/db/client";
import { csvCell, csvLine } from "@/lib/dashboard/export-csv";
import { toDecimalString } from "@/lib/money";
import { localWallClock, zoneColumn } from "@/lib/review-queue/csv";
import type { ConversionFilters } from "./conversion-filters";
import { listConversionQueuePage, decodeQueueCursor, type QueueCursor } from "./list-conversion-queue";

export const CONVERSION_CSV_COLUMNS = [
  "conversion_id",
  "order_id",
  "order_name",
  "placed_at_utc",
  "placed_at_local",
  "campaign",
  "creator_id",
  "creator_name",
  "type",
  "code",
  "status",
  "currency",
  "order_amount",
  "refund_amount",
  "net_amount",
  "commission",
  "net_commission",
  "awaiting_payment_commission",
] as const;

const BATCH = 1000;

/**
 * The review queue's filtered set as CSV, every page of it, in the queue's order (newest orders
 * first), read in keyset batches so that memory stays flat however many rows match. Amounts are
 * exact decimal strings in each row's currency; text a spreadsheet would run as a formula is
 * neutralised (csvCell). The local time column is in `timeZone`, named in its header.
 */
export async function* conversionsCsv(db: Db, filters: ConversionFilters, timeZone: string): AsyncGenerator<string> {
  yield csvLine(CONVERSION_CSV_COLUMNS.map((c) => (c === "placed_at_local" ? zoneColumn("placed_at", timeZone) : c)));
  let after: QueueCursor | undefined;
  for (;;) {
    const page = await listConversionQueuePage(db, { ...filters, after, limit: BATCH });
    let chunk = "";
    for (const { conversion: c, creatorName, campaignName } of page.rows) {
      const pending = c.status === "pending";
      const money = (minor: number) => toDecimalString(minor, c.currency);
      chunk += csvLine([
        csvCell(c.id),
        csvCell(c.orderId),
        csvCell(c.orderName, { text: true }),
        csvCell(c.orderCreatedAt.toISOString()),
        csvCell(localWallClock(c.orderCreatedAt, timeZone)),
        csvCell(campaignName, { text: true }),
        csvCell(c.creatorId),
        csvCell(creatorName, { text: true }),
        csvCell(c.type),
        csvCell(c.code, { text: true }),
        csvCell(c.status),
        csvCell(c.currency),
        csvCell(money(pending ? c.pendingAmountCents : c.orderAmountCents)),
        csvCell(money(c.refundAmountCents)),
        csvCell(money((pending ? c.pendingAmountCents : c.orderAmountCents) - c.refundAmountCents)),
        csvCell(money(c.commissionCents)),
        csvCell(money(c.commissionCents - c.refundedCommissionCents)),
        csvCell(money(c.pendingCommissionCents)),
      ]);
    }
    if (chunk) yield chunk;
    if (!page.next) return;
    after = decodeQueueCursor(page.next);
  }
}
