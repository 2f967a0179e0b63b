import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import { CONVERSION_LABEL } from "@/components/conversions/status";
import { PageSkeleton } from "@/components/portal/page-states";
import { buttonClass } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn, formatMoney } from "@/components/ui/format";
import { ResetFormOnHistory } from "@/components/conversions/reset-form-on-history";
import { ReviewQueue, type ReviewRunView } from "@/components/conversions/review-queue";
import { CONVERSION_STATUSES, filtersFromQueueQuery, QUEUE_FILTER_KEYS, queueSearchParams, ZConversionQueueQuery, type TConversionQueueQuery } from "@/lib/attribution/conversion-filters";
import { conversionQueueTotals, decodeQueueCursor, listConversionQueuePage } from "@/lib/attribution/list-conversion-queue";
import { notFoundOn, requireBrand } from "@/lib/auth/guards";
import { getCampaignOrThrow, listCampaigns } from "@/lib/campaigns/get-campaign";
import { isCreatorOfWorkspace } from "@/lib/creators/is-creator-of-workspace";
import { listWorkspaceCreators } from "@/lib/creators/list-workspace-creators";
import { AppError } from "@/lib/errors";
import { listRecentReviewRuns } from "@/lib/reviews/get-review-run";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { reviewConversionsAction } from "./actions";

export const metadata: Metadata = { title: "Conversions" };

const PAGE_SIZE = 50;
type SearchParams = Partial<Record<(typeof QUEUE_FILTER_KEYS)[number] | "after", string | string[]>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/**
 * The brand's review queue. The URL is the state: filters and the page's cursor are in the query
 * string, so a filtered page can be bookmarked, shared, and reached again with back and forward.
 * Filters name a campaign or creator by id: one of another workspace (or none) is a 404, decided
 * before anything streams; the list itself streams behind the skeleton.
 */
export default async function ConversionsPage(props: { params: Promise<{ workspace: string }>; searchParams: Promise<SearchParams> }) {
  const [{ workspace: slug }, sp] = await Promise.all([props.params, props.searchParams]);
  const { db, access } = await requireBrand(slug);
  const workspaceId = access.workspace.id;
  const campaign = one(sp.campaign);
  const creator = one(sp.creator);
  await Promise.all([
    campaign ? getCampaignOrThrow(db, { workspaceId, campaignId: campaign }).catch(notFoundOn) : null,
    creator ? isCreatorOfWorkspace(db, { workspaceId, creatorId: creator }) : true,
  ]).then(([, creatorKnown]) => {
    if (!creatorKnown) notFound();
  });
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
  const raw = Object.fromEntries(QUEUE_FILTER_KEYS.map((k) => [k, one(sp[k])]));
  const parsed = ZConversionQueueQuery.safeParse(raw);
  const [campaignList, creatorList, shop, [latestRun]] = await Promise.all([
    listCampaigns(db, workspaceId),
    listWorkspaceCreators(db, workspaceId),
    getConnectedShop(db, workspaceId),
    listRecentReviewRuns(db, { workspaceId, limit: 1 }),
  ]);
  const activeRun: ReviewRunView | null =
    latestRun?.status === "running"
      ? { id: latestRun.id, decision: latestRun.decision, status: latestRun.status, total: latestRun.total, done: latestRun.done, changed: latestRun.changed, unchanged: latestRun.unchanged, skipped: latestRun.skipped, skippedItems: [] }
      : null;
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const query: TConversionQueueQuery = parsed.success ? parsed.data : {};
  const fieldErrors: Partial<Record<string, string[]>> = parsed.success ? {} : parsed.error.flatten().fieldErrors;
  const filtered = QUEUE_FILTER_KEYS.some((k) => raw[k]);
  const clearHref = `/brand/${slug}/conversions`;

  let after;
  let cursorError = false;
  try {
    after = one(sp.after) ? decodeQueueCursor(one(sp.after)!) : undefined;
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    cursorError = true;
  }
  const filters = filtersFromQueueQuery(workspaceId, query, timeZone);
  const [page, totals] = parsed.success && !cursorError ? await Promise.all([listConversionQueuePage(db, { ...filters, after, limit: PAGE_SIZE }), conversionQueueTotals(db, filters)]) : [null, []];
  const matching = totals.reduce((n, t) => n + t.count, 0);
  const filterQuery = Object.fromEntries(QUEUE_FILTER_KEYS.map((k) => [k, raw[k]]));

  return (
    <>
      <FilterForm slug={slug} raw={raw} fieldErrors={fieldErrors} campaigns={campaignList} creators={creatorList} timeZone={timeZone} filtered={filtered} />
      {!parsed.success && <Alert>Some filters are not valid: see the fields above. Nothing is listed until they are fixed.</Alert>}
      {cursorError && (
        <Alert>
          This page link is out of date. <Link href={`${clearHref}${queueSearchParams(filterQuery)}`} className="font-medium underline">Go to the first page</Link>.
        </Alert>
      )}
      {page && (
        <>
          <section aria-label="Totals of the filtered conversions" data-testid="queue-totals" className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            {totals.length === 0 ? (
              <p className="text-sm text-slate-600">0 conversions</p>
            ) : (
              totals.map((t) => (
                <div key={t.currency} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm" data-testid={`queue-totals-${t.currency}`}>
                  <p className="font-semibold text-slate-900">
                    {t.count.toLocaleString("en-US")} {t.count === 1 ? "conversion" : "conversions"} in {t.currency}
                  </p>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 text-slate-600 [&_dt]:whitespace-nowrap">
                    <dt>Net sales</dt>
                    <dd className="text-right tabular-nums text-slate-900">{formatMoney(t.netSalesCents, t.currency)}</dd>
                    <dt>Net commission</dt>
                    <dd className="text-right tabular-nums text-slate-900">{formatMoney(t.netCommissionCents, t.currency)}</dd>
                    {t.awaitingCommissionCents > 0 && (
                      <>
                        <dt>Awaiting payment</dt>
                        <dd className="text-right tabular-nums text-violet-700">{formatMoney(t.awaitingCommissionCents, t.currency)}</dd>
                      </>
                    )}
                  </dl>
                </div>
              ))
            )}
          </section>
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
          <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm">
            <span className="text-slate-600">
              {page.rows.length > 0 && `Showing ${page.rows.length.toLocaleString("en-US")} of ${matching.toLocaleString("en-US")}, newest orders first`}
            </span>
            <span className="flex flex-wrap gap-3">
              {matching > 0 && (
                <a href={`/api/brand/${slug}/conversions/export${queueSearchParams(filterQuery)}`} className={buttonClass("secondary")} download>
                  Export {matching.toLocaleString("en-US")} as CSV
                </a>
              )}
              {after && <Link href={`${clearHref}${queueSearchParams(filterQuery)}`} className={buttonClass("secondary")}>First page</Link>}
              {page.next && <Link href={`${clearHref}${queueSearchParams({ ...filterQuery, after: page.next })}`} className={buttonClass("secondary")} rel="next">Next page</Link>}
            </span>
          </nav>
        </>
      )}
    </>
  );
}

function FilterForm({
  slug,
  raw,
  fieldErrors,
  campaigns,
  creators,
  timeZone,
  filtered,
}: {
  slug: string;
  raw: Record<string, string | undefined>;
  fieldErrors: Partial<Record<string, string[]>>;
  campaigns: { id: string; name: string }[];
  creators: { id: string; fullName: string }[];
  timeZone: string;
  filtered: boolean;
}) {
  const input = "mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
  const field = (name: string, label: string, control: ReactNode, hint?: string) => (
    <div className="min-w-0">
      <label htmlFor={`f-${name}`} className="block text-xs font-medium text-slate-700">{label}</label>
      {control}
      {hint && <p id={`f-${name}-hint`} className="mt-0.5 text-xs text-slate-600">{hint}</p>}
      {fieldErrors[name]?.map((m) => (
        <p key={m} id={`f-${name}-error`} className="mt-0.5 text-xs text-red-700">{m}</p>
      ))}
    </div>
  );
  const described = (name: string, hint?: boolean) => {
    const ids = [hint ? `f-${name}-hint` : "", fieldErrors[name] ? `f-${name}-error` : ""].filter(Boolean).join(" ");
    return { "aria-describedby": ids || undefined, "aria-invalid": fieldErrors[name] ? true : undefined } as const;
  };
  return (
    <form id="conversion-filters" method="get" autoComplete="off" action={`/brand/${slug}/conversions`} className="mb-4 grid grid-cols-2 items-start gap-3 sm:grid-cols-4 lg:grid-cols-8" role="search" aria-label="Filter conversions">
      {field(
        "status",
        "Status",
        <select id="f-status" name="status" defaultValue={raw.status ?? ""} className={input} {...described("status")}>
          <option value="">Any status</option>
          {CONVERSION_STATUSES.map((s) => (
            <option key={s} value={s}>{CONVERSION_LABEL[s]}</option>
          ))}
        </select>,
      )}
      {field(
        "campaign",
        "Campaign",
        <select id="f-campaign" name="campaign" defaultValue={raw.campaign ?? ""} className={input}>
          <option value="">All campaigns</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>,
      )}
      {field(
        "creator",
        "Creator",
        <select id="f-creator" name="creator" defaultValue={raw.creator ?? ""} className={input}>
          <option value="">All creators</option>
          {raw.creator && !creators.some((c) => c.id === raw.creator) && <option value={raw.creator}>The chosen creator</option>}
          {creators.map((c) => (
            <option key={c.id} value={c.id}>{c.fullName}</option>
          ))}
        </select>,
      )}
      {field("code", "Code", <input id="f-code" name="code" defaultValue={raw.code ?? ""} placeholder="JANE10" className={input} {...described("code")} />)}
      {field("order", "Order", <input id="f-order" name="order" defaultValue={raw.order ?? ""} placeholder="#1042" className={input} {...described("order")} />)}
      {field("from", "Placed from", <input id="f-from" name="from" type="date" defaultValue={raw.from ?? ""} className={input} {...described("from", true)} />, `Dates in ${timeZone}`)}
      {field("to", "Placed to", <input id="f-to" name="to" type="date" defaultValue={raw.to ?? ""} className={input} {...described("to", true)} />, "Inclusive")}
      <div className="flex items-end gap-3 self-end pb-0.5">
        <button type="submit" className={buttonClass("secondary")}>Filter</button>
        {filtered && <Link href={`/brand/${slug}/conversions`} className="pb-2 text-sm text-brand-700 underline">Clear</Link>}
      </div>
      <ResetFormOnHistory formId="conversion-filters" />
    </form>
  );
}
