import type { Db } from "@/db/client";
import { csvCell, csvLine } from "@/lib/dashboard/export-csv";
import { toDecimalString } from "@/lib/money";
import { localWallClock, zoneColumn } from "@/lib/review-queue/csv";
import type { QueueCursor } from "@/lib/review-queue/query";
import { decodeOrderCursor, listOrderQueuePage } from "./list-order-queue";
import type { OrderFilters } from "./order-filters";

export const ORDER_QUEUE_CSV_COLUMNS = [
  "order_id",
  "order_name",
  "placed_at_utc",
  "placed_at_local",
  "customer_email",
  "codes",
  "status",
  "test",
  "currency",
  "subtotal",
  "refunded",
  "net",
  "credited_to",
  "creator_id",
  "campaign",
  "conversion_id",
] as const;

const BATCH = 1000;

/**
 * The orders list's filtered set as CSV, every page, newest first, read in keyset batches (memory
 * stays flat). Amounts are exact decimal strings in the order's currency; a redacted customer's
 * email is left out; text a spreadsheet would run as a formula is neutralised (csvCell).
 */
export async function* ordersQueueCsv(db: Db, filters: OrderFilters, timeZone: string): AsyncGenerator<string> {
  yield csvLine(ORDER_QUEUE_CSV_COLUMNS.map((c) => (c === "placed_at_local" ? zoneColumn("placed_at", timeZone) : c)));
  let after: QueueCursor | undefined;
  for (;;) {
    const page = await listOrderQueuePage(db, { ...filters, after, limit: BATCH });
    let chunk = "";
    for (const o of page.rows) {
      const money = (minor: number) => toDecimalString(minor, o.currency);
      chunk += csvLine([
        csvCell(o.id),
        csvCell(o.name, { text: true }),
        csvCell(o.createdAt.toISOString()),
        csvCell(localWallClock(o.createdAt, timeZone)),
        csvCell(o.redactedAt ? "" : o.email, { text: true }),
        csvCell(o.discountCodes.join(" "), { text: true }),
        csvCell(o.state),
        csvCell(o.test ? "true" : "false"),
        csvCell(o.currency),
        csvCell(money(o.subtotalCents)),
        csvCell(money(o.refundedCents)),
        csvCell(money(o.subtotalCents - o.refundedCents)),
        csvCell(o.creditedTo, { text: true }),
        csvCell(o.creatorId),
        csvCell(o.campaignName, { text: true }),
        csvCell(o.conversionId),
      ]);
    }
    if (chunk) yield chunk;
    if (!page.next) return;
    after = decodeOrderCursor(page.next);
  }
}
