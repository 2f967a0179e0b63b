import { withBrand } from "@/lib/api/with-session";
import { methodsNotAllowed } from "@/lib/api/method-not-allowed";
import { csvResponse } from "@/lib/dashboard/export-csv";
import { validationError } from "@/lib/errors";
import { ordersQueueCsv } from "@/lib/orders/export-orders-csv";
import { orderFiltersFromQuery, ZOrderQueueQuery } from "@/lib/orders/order-filters";
import { rawQueueFilters } from "@/lib/review-queue/query";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

/**
 * The orders list's filtered set as CSV, streamed: the page's query string (status, campaign,
 * creator, code, order, from, to; dates in the shop's zone), every matching order. A bad filter is
 * a 422 naming the field; another workspace's campaign or creator matches nothing.
 */
export const GET = withBrand(async ({ req, db, access }) => {
  const parsed = ZOrderQueueQuery.safeParse(rawQueueFilters((k) => req.nextUrl.searchParams.get(k)));
  if (!parsed.success) throw validationError(parsed.error.issues);
  const shop = await getConnectedShop(db, access.workspace.id);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const label = [parsed.data.status, parsed.data.from, parsed.data.to].filter(Boolean).join("_") || "all";
  return csvResponse(ordersQueueCsv(db, orderFiltersFromQuery(access.workspace.id, parsed.data, timeZone), timeZone), `orders-${label}.csv`);
});

/** Any other method: 405 with the JSON error and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
