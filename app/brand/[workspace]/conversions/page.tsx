import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { CONVERSION_LABEL } from "@/components/conversions/status";
import { PageSkeleton } from "@/components/portal/page-states";
import { buttonClass } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn, formatMoney } from "@/components/ui/format";
import { QueueCursorAlert, QueueFilterForm, QueuePager, QueueTotals } from "@/components/review-queue/queue-parts";
import { ReviewQueue, type ReviewRunView } from "@/components/conversions/review-queue";
import { CONVERSION_STATUSES, filtersFromQueueQuery, ZConversionQueueQuery, type TConversionQueueQuery } from "@/lib/attribution/conversion-filters";
import { queueSearchParams, rawQueueFilters } from "@/lib/review-queue/query";
import { conversionQueueTotals, decodeQueueCursor, listConversionQueuePage } from "@/lib/attribution/list-conversion-queue";
import { requireBrand } from "@/lib/auth/guards";
import { notFoundUnlessQueueScope, queueFormContext, readQueueCursor, type QueueSearchParams } from "@/lib/review-queue/page";
import { listRecentReviewRuns } from "@/lib/reviews/get-review-run";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { reviewConversionsAction } from "./actions";

export const metadata: Metadata = { title: "Conversions" };

const PAGE_SIZE = 50;
type SearchParams = QueueSearchParams;

/**
 * The brand's review queue. The URL is the state: filters and the page's cursor are in the query
 * string, so a filtered page can be bookmarked, shared, and reached again with back and forward.
 * Filters name a campaign or creator by id: one of another workspace (or none) is a 404, decided
 * before anything streams; the list itself streams behind the skeleton.
 */
export default async function ConversionsPage(props: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const [{ workspace: slug }, sp] = await Promise.all([props.params, props.searchParams]);
  const { db, access } = await requireBrand(slug);
  await notFoundUnlessQueueScope(db, access.workspace.id, sp);
  return (
    <>
      <PageHeader title="Conversions" description="Every order credited to a creator: one conversion per order at most, with the commission it earns net of refunds. Filter to review them." />
      <Suspense fallback={<PageSkeleton />}>
        <ConversionsQueue slug={slug} sp={sp} />
      </Suspense>
    </>
  );
}

async function ConversionsQueue({ slug, sp }: { slug: string; sp: SearchParams }) {
  const { db, access } = await requireBrand(slug);
  const workspaceId = access.workspace.id;
  const raw = rawQueueFilters((k) => sp[k]);
  const parsed = ZConversionQueueQuery.safeParse(raw);
  const [{ campaigns: campaignList, creators: creatorList, timeZone }, [latestRun]] = await Promise.all([queueFormContext(db, workspaceId), listRecentReviewRuns(db, { workspaceId, limit: 1 })]);
  const activeRun: ReviewRunView | null =
    latestRun?.status === "running"
      ? { id: latestRun.id, decision: latestRun.decision, status: latestRun.status, total: latestRun.total, done: latestRun.done, changed: latestRun.changed, unchanged: latestRun.unchanged, skipped: latestRun.skipped, skippedItems: [] }
      : null;
  const query: TConversionQueueQuery = parsed.success ? parsed.data : {};
  const fieldErrors: Partial<Record<string, string[]>> = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const filtered = Object.values(raw).some(Boolean);
  const clearHref = `/brand/${slug}/conversions`;

  const { after, cursorError } = readQueueCursor(sp, decodeQueueCursor);
  const filters = filtersFromQueueQuery(workspaceId, query, timeZone);
  const [page, totals] = parsed.success && !cursorError ? await Promise.all([listConversionQueuePage(db, { ...filters, after, limit: PAGE_SIZE }), conversionQueueTotals(db, filters)]) : [null, []];
  const matching = totals.reduce((n, t) => n + t.count, 0);
  const filterQuery = raw;

  return (
    <>
      <QueueFilterForm
        id="conversion-filters"
        action={clearHref}
        label="Filter conversions"
        raw={raw}
        fieldErrors={fieldErrors}
        statuses={CONVERSION_STATUSES.map((s) => ({ value: s, label: CONVERSION_LABEL[s] }))}
        campaigns={campaignList}
        creators={creatorList}
        timeZone={timeZone}
        filtered={filtered}
      />
      {!parsed.success && <Alert>Some filters are not valid: see the fields above. Nothing is listed until they are fixed.</Alert>}
      {cursorError && <QueueCursorAlert firstPage={`${clearHref}${queueSearchParams(filterQuery)}`} />}
      {page && (
        <>
          <QueueTotals
            label="Totals of the filtered conversions"
            testId="queue-totals"
            totals={totals.map((t) => ({
              currency: t.currency,
              title: `${t.count.toLocaleString("en-US")} ${t.count === 1 ? "conversion" : "conversions"} in ${t.currency}`,
              figures: [
                { label: "Net sales", value: formatMoney(t.netSalesCents, t.currency) },
                { label: "Net commission", value: formatMoney(t.netCommissionCents, t.currency) },
                ...(t.awaitingCommissionCents > 0 ? [{ label: "Awaiting payment", value: formatMoney(t.awaitingCommissionCents, t.currency), tone: "violet" as const }] : []),
              ],
            }))}
          />
          {
            <>
              <ReviewQueue
                empty={
                  filtered ? (
                    <EmptyState title="No conversions match these filters" action={<Link href={clearHref} className={buttonClass("secondary")}>Clear filters</Link>}>
                      {after ? "There are no more conversions after this page." : "Widen the dates or choose another status, campaign or creator."}
                    </EmptyState>
                  ) : (
                    <EmptyState title="No conversions yet">When a customer uses a creator&apos;s code or link, the order appears here within seconds.</EmptyState>
                  )
                }
                workspace={slug}
                rows={page.rows.map(({ conversion: c, creatorName, campaignName }) => ({
                  id: c.id,
                  orderId: c.orderId,
                  orderName: c.orderName,
                  placedAt: formatDateTimeIn(c.orderCreatedAt, timeZone),
                  creatorId: c.creatorId,
                  creatorName,
                  campaignName,
                  via: c.type === "coupon" ? (c.code ?? "code") : "link",
                  amount: formatMoney(c.status === "pending" ? c.pendingAmountCents : c.orderAmountCents, c.currency),
                  refunded: c.refundAmountCents ? formatMoney(c.refundAmountCents, c.currency) : null,
                  commission: formatMoney(c.status === "pending" ? c.pendingCommissionCents : c.commissionCents - c.refundedCommissionCents, c.currency),
                  awaitingPayment: c.status === "pending",
                  status: c.status,
                }))}
                matching={matching}
                filterQuery={queueSearchParams(filterQuery)}
                canReview={roleAtLeast(access.role, "admin")}
                action={reviewConversionsAction}
                activeRun={activeRun}
              />
            </>
          }
          <QueuePager
            shown={page.rows.length}
            matching={matching}
            noun={matching === 1 ? "conversion" : "conversions"}
            order="newest orders first"
            exportHref={`/api/brand/${slug}/conversions/export${queueSearchParams(filterQuery)}`}
            firstHref={after ? `${clearHref}${queueSearchParams(filterQuery)}` : null}
            nextHref={page.next ? `${clearHref}${queueSearchParams({ ...filterQuery, after: page.next })}` : null}
          />
        </>
      )}
    </>
  );
}
