import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { PageSkeleton } from "@/components/portal/page-states";
import { QueueCursorAlert, QueueFilterForm, QueuePager, QueueTotals } from "@/components/review-queue/queue-parts";
import { buttonClass } from "@/components/ui/button";
import { Alert, Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn, formatMoney } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import { requireBrand } from "@/lib/auth/guards";
import { notFoundUnlessQueueScope, queueFormContext, readQueueCursor, type QueueSearchParams } from "@/lib/review-queue/page";
import { decodeOrderCursor, listOrderQueuePage, orderQueueTotals } from "@/lib/orders/list-order-queue";
import { ORDER_STATE_LABEL, ORDER_STATES, orderFiltersFromQuery, ZOrderQueueQuery, type OrderState, type TOrderQueueQuery } from "@/lib/orders/order-filters";
import { queueSearchParams, rawQueueFilters } from "@/lib/review-queue/query";

export const metadata: Metadata = { title: "Orders" };

const PAGE_SIZE = 50;
type SearchParams = QueueSearchParams;
const STATE_TONE: Record<OrderState, "green" | "violet" | "amber" | "red" | "slate"> = { open: "green", awaiting_payment: "violet", refunded: "amber", cancelled: "red", voided: "slate" };

/**
 * The brand's orders, as a queue like the conversions one: filters, totals of the filtered set,
 * pages by keyset and CSV, the URL holding every one of them. A campaign or creator of another
 * workspace in the URL is a 404, decided before the list streams behind the skeleton.
 */
export default async function OrdersPage(props: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const [{ workspace: slug }, sp] = await Promise.all([props.params, props.searchParams]);
  const { db, access } = await requireBrand(slug);
  await notFoundUnlessQueueScope(db, access.workspace.id, sp);
  return (
    <>
      <PageHeader title="Orders" description="Orders recorded from your Shopify store, with their refunds and the creator each one is credited to. Amounts are the discounted subtotal, without shipping and tax." />
      <Suspense fallback={<PageSkeleton />}>
        <OrdersQueue slug={slug} sp={sp} />
      </Suspense>
    </>
  );
}

async function OrdersQueue({ slug, sp }: { slug: string; sp: SearchParams }) {
  const { db, access } = await requireBrand(slug);
  const workspaceId = access.workspace.id;
  const raw = rawQueueFilters((k) => sp[k]);
  const parsed = ZOrderQueueQuery.safeParse(raw);
  const { campaigns: campaignList, creators: creatorList, timeZone } = await queueFormContext(db, workspaceId);
  const query: TOrderQueueQuery = parsed.success ? parsed.data : {};
  const fieldErrors: Partial<Record<string, string[]>> = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const filtered = Object.values(raw).some(Boolean);
  const listHref = `/brand/${slug}/orders`;

  const { after, cursorError } = readQueueCursor(sp, decodeOrderCursor);
  const filters = orderFiltersFromQuery(workspaceId, query, timeZone);
  const [page, totals] = parsed.success && !cursorError ? await Promise.all([listOrderQueuePage(db, { ...filters, after, limit: PAGE_SIZE }), orderQueueTotals(db, filters)]) : [null, []];
  const matching = totals.reduce((n, t) => n + t.count, 0);

  return (
    <>
      <QueueFilterForm
        id="order-filters"
        action={listHref}
        label="Filter orders"
        raw={raw}
        fieldErrors={fieldErrors}
        statuses={ORDER_STATES.map((s) => ({ value: s, label: ORDER_STATE_LABEL[s] }))}
        campaigns={campaignList}
        creators={creatorList}
        timeZone={timeZone}
        filtered={filtered}
      />
      {!parsed.success && <Alert>Some filters are not valid: see the fields above. Nothing is listed until they are fixed.</Alert>}
      {cursorError && <QueueCursorAlert firstPage={`${listHref}${queueSearchParams(raw)}`} />}
      {page && (
        <>
          <QueueTotals
            label="Totals of the filtered orders"
            testId="order-totals"
            totals={totals.map((t) => ({
              currency: t.currency,
              title: `${t.count.toLocaleString("en-US")} ${t.count === 1 ? "order" : "orders"} in ${t.currency}`,
              figures: [
                { label: "Subtotal", value: formatMoney(t.subtotalCents, t.currency) },
                { label: "Refunded", value: formatMoney(t.refundedCents, t.currency) },
                { label: "Net of refunds", value: formatMoney(t.subtotalCents - t.refundedCents, t.currency) },
                { label: "Credited to a creator", value: `${t.credited.toLocaleString("en-US")} of ${t.count.toLocaleString("en-US")}` },
              ],
            }))}
          />
          {page.rows.length === 0 ? (
            filtered ? (
              <EmptyState title="No orders match these filters" action={<Link href={listHref} className={buttonClass("secondary")}>Clear filters</Link>}>
                {after ? "There are no more orders after this page." : "Widen the dates or choose another status, campaign or creator."}
              </EmptyState>
            ) : (
              <EmptyState title="No orders yet">Orders appear here seconds after they are placed in your connected store.</EmptyState>
            )
          ) : (
            <DataTable label="Orders" columns={[{ label: "Order" }, { label: "Placed" }, { label: "Customer" }, { label: "Codes" }, { label: "Subtotal", align: "right" }, { label: "Refunded", align: "right" }, { label: "Status" }, { label: "Credited to" }]} variant="panel" testId="orders">
              {page.rows.map((o) => (
                <tr key={o.id}>
                  <td className="px-4 py-2 font-medium">
                    <Link href={`/brand/${slug}/orders/${o.id}`} className="text-brand-700 hover:underline">{o.name}</Link>
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTimeIn(o.createdAt, timeZone)}</td>
                  <td className="px-4 py-2 text-slate-600">{o.redactedAt ? <span className="italic text-slate-500">redacted</span> : (o.email ?? "—")}</td>
                  <td className="px-4 py-2 font-mono text-xs">{o.discountCodes.join(", ") || "—"}</td>
                  <td className="px-4 py-2 text-right tabular-nums">{formatMoney(o.subtotalCents, o.currency)}</td>
                  <td className="px-4 py-2 text-right tabular-nums text-slate-600">{o.refundedCents ? formatMoney(o.refundedCents, o.currency) : "—"}</td>
                  <td className="px-4 py-2">
                    <Badge tone={STATE_TONE[o.state]}>{ORDER_STATE_LABEL[o.state]}</Badge>
                    {o.test && <> <Badge tone="amber">Test</Badge></>}
                  </td>
                  <td className="px-4 py-2 text-slate-600">
                    {o.creditedTo && o.creatorId ? (
                      <Link href={`${listHref}${queueSearchParams({ ...raw, creator: o.creatorId })}`} className="text-brand-700 hover:underline" title={o.campaignName ?? undefined}>{o.creditedTo}</Link>
                    ) : o.attributionStatus === "pending" ? (
                      "…"
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
          <QueuePager
            shown={page.rows.length}
            matching={matching}
            noun={matching === 1 ? "order" : "orders"}
            order="newest first"
            exportHref={`/api/brand/${slug}/orders/export${queueSearchParams(raw)}`}
            firstHref={after ? `${listHref}${queueSearchParams(raw)}` : null}
            nextHref={page.next ? `${listHref}${queueSearchParams({ ...raw, after: page.next })}` : null}
          />
        </>
      )}
    </>
  );
}
