import type { Metadata } from "next";
import Link from "next/link";
import { CONVERSION_LABEL, ConversionStatusBadge } from "@/components/conversions/status";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn, formatMoney } from "@/components/ui/format";
import { listConversionsForBrand } from "@/lib/attribution/list-conversions";
import { notFoundOn, requireBrand } from "@/lib/auth/guards";
import { getCampaignOrThrow } from "@/lib/campaigns/get-campaign";
import { isCreatorOfWorkspace } from "@/lib/creators/is-creator-of-workspace";
import { notFound } from "next/navigation";
import { PageSkeleton } from "@/components/portal/page-states";
import { Suspense } from "react";
import { listCampaigns } from "@/lib/campaigns/get-campaign";
import { DataTable } from "@/components/ui/table";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

export const metadata: Metadata = { title: "Conversions" };

const STATUSES = ["pending", "approved", "flagged", "denied", "reversed", "voided"] as const;
type Status = (typeof STATUSES)[number];

/**
 * Filters name a campaign or creator by id: one of another workspace (or none) is a 404, decided
 * before anything streams; the list itself streams behind the skeleton.
 */
export default async function ConversionsPage(props: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ campaign?: string; creator?: string; status?: string; q?: string }>;
}) {
  const [{ workspace: slug }, sp] = await Promise.all([props.params, props.searchParams]);
  const { db, access } = await requireBrand(slug);
  const workspaceId = access.workspace.id;
  await Promise.all([
    sp.campaign ? getCampaignOrThrow(db, { workspaceId, campaignId: sp.campaign }).catch(notFoundOn) : null,
    sp.creator ? isCreatorOfWorkspace(db, { workspaceId, creatorId: sp.creator }) : true,
  ]).then(([, creatorKnown]) => {
    if (!creatorKnown) notFound();
  });
  return (
    <Suspense fallback={<PageSkeleton />}>
      <ConversionsResults {...props} />
    </Suspense>
  );
}

async function ConversionsResults({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ campaign?: string; creator?: string; status?: string; q?: string }>;
}) {
  const [{ workspace: slug }, sp] = await Promise.all([params, searchParams]);
  const { db, access } = await requireBrand(slug);
  const status = STATUSES.includes(sp.status as Status) ? (sp.status as Status) : undefined;
  const [rows, campaignList, shop] = await Promise.all([
    listConversionsForBrand(db, { workspaceId: access.workspace.id, campaignId: sp.campaign || undefined, creatorId: sp.creator || undefined, status, search: sp.q }),
    listCampaigns(db, access.workspace.id),
    getConnectedShop(db, access.workspace.id),
  ]);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const filtered = Boolean(sp.campaign || sp.creator || status || sp.q);
  return (
    <>
      <PageHeader title="Conversions" description="Every order credited to a creator: one conversion per order at most, with the commission it earns net of refunds." />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter conversions">
        <div>
          <label htmlFor="f-campaign" className="block text-xs font-medium text-slate-600">Campaign</label>
          <select id="f-campaign" name="campaign" defaultValue={sp.campaign ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">All campaigns</option>
            {campaignList.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-status" className="block text-xs font-medium text-slate-600">Status</label>
          <select id="f-status" name="status" defaultValue={status ?? ""} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>{CONVERSION_LABEL[s]}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-q" className="block text-xs font-medium text-slate-600">Order or code</label>
          <input id="f-q" name="q" defaultValue={sp.q ?? ""} placeholder="#1042 or JANE" className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
        </div>
        {sp.creator && <input type="hidden" name="creator" value={sp.creator} />}
        <button type="submit" className={buttonClass("secondary")}>Filter</button>
        {filtered && <Link href={`/brand/${slug}/conversions`} className="pb-2 text-sm text-brand-700 underline">Clear</Link>}
      </form>
      {rows.length === 0 ? (
        <EmptyState title={filtered ? "No conversions match" : "No conversions yet"}>
          {filtered ? "Try another filter." : "When a customer uses a creator's code or link, the order appears here within seconds."}
        </EmptyState>
      ) : (
        <DataTable label="Conversions" columns={[{ label: "Order" }, { label: "Creator" }, { label: "Via" }, { label: "Amount", align: "right" }, { label: "Refunded", align: "right" }, { label: "Net commission", align: "right" }, { label: "Status" }]} variant="panel" testId="conversions">
          {rows.map(({ conversion: c, creatorName, campaignName }) => (
            <tr key={c.id}>
              <td className="whitespace-nowrap px-4 py-2.5">
                <Link href={`/brand/${slug}/orders/${c.orderId}`} className="font-medium text-brand-700 hover:underline">{c.orderName}</Link>
                <p className="text-xs text-slate-500">{formatDateTimeIn(c.orderCreatedAt, timeZone)}</p>
              </td>
              <td className="px-4 py-2.5">
                <Link href={`/brand/${slug}/conversions?creator=${c.creatorId}`} className="hover:underline">{creatorName}</Link>
                <p className="text-xs text-slate-500">{campaignName}</p>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs">{c.type === "coupon" ? c.code : "link"}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{formatMoney(c.status === "pending" ? c.pendingAmountCents : c.orderAmountCents, c.currency)}</td>
              <td className="px-4 py-2.5 text-right tabular-nums text-slate-600">{c.refundAmountCents ? formatMoney(c.refundAmountCents, c.currency) : "—"}</td>
              <td className="px-4 py-2.5 text-right font-medium tabular-nums">
                {c.status === "pending" ? (
                  <span className="text-violet-700" title="Earned once the order is paid">{formatMoney(c.pendingCommissionCents, c.currency)} <span className="text-xs font-normal">awaiting payment</span></span>
                ) : (
                  formatMoney(c.commissionCents - c.refundedCommissionCents, c.currency)
                )}
              </td>
              <td className="px-4 py-2.5"><ConversionStatusBadge status={c.status} /></td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
