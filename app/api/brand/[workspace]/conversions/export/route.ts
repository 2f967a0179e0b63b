import { withBrand } from "@/lib/api/with-session";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { filtersFromQueueQuery, QUEUE_FILTER_KEYS, ZConversionQueueQuery } from "@/lib/attribution/conversion-filters";
import { conversionsCsv } from "@/lib/attribution/export-conversions-csv";
import { csvResponse } from "@/lib/dashboard/export-csv";
import { validationError } from "@/lib/errors";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

/**
 * The conversions review queue's filtered set as CSV, streamed: the same query string as the page
 * (status, campaign, creator, code, order, from, to; dates in the shop's zone), every matching row.
 * A bad filter is a 422 naming the field; another workspace's campaign or creator matches nothing.
 */
export const GET = withBrand(async ({ req, db, access }) => {
  const q = req.nextUrl.searchParams;
  const parsed = ZConversionQueueQuery.safeParse(Object.fromEntries(QUEUE_FILTER_KEYS.map((k) => [k, q.get(k) ?? undefined])));
  if (!parsed.success) throw validationError(parsed.error.issues);
  const shop = await getConnectedShop(db, access.workspace.id);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const filters = filtersFromQueueQuery(access.workspace.id, parsed.data, timeZone);
  const label = [parsed.data.status, parsed.data.from, parsed.data.to].filter(Boolean).join("_") || "all";
  return csvResponse(conversionsCsv(db, filters, timeZone), `conversions-${label}.csv`);
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
