import type { Metadata } from "next";
import Link from "next/link";
import { formatDiscount, STATUS_TONE } from "@/components/campaigns/format";
import { formatPercent } from "@/components/ui/format";
import { buttonClass } from "@/components/ui/button";
import { Badge, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn } from "@/components/ui/format";
import { requireBrand } from "@/lib/auth/guards";
import { campaignStatus } from "@/lib/campaigns/campaign-status";
import { listCampaignsWithCounts } from "@/lib/campaigns/list-campaigns-with-counts";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { DataTable } from "@/components/ui/table";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [rows, shop] = await Promise.all([listCampaignsWithCounts(db, access.workspace.id), getConnectedShop(db, access.workspace.id)]);
  const canCreate = roleAtLeast(access.role, "admin") && shop;
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Each campaign gives every creator their own discount code and referral link."
        actions={canCreate ? <Link href={`/brand/${slug}/campaigns/new`} className={buttonClass("primary")}>New campaign</Link> : undefined}
      />
      {!shop ? (
        <EmptyState title="Connect your Shopify store first" action={<Link href={`/brand/${slug}/settings`} className={buttonClass("primary")}>Connect store</Link>}>
          Campaign codes are created in your store, and its orders are what Tally attributes.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No campaigns yet" action={canCreate ? <Link href={`/brand/${slug}/campaigns/new`} className={buttonClass("primary")}>Create your first campaign</Link> : undefined}>
          Set the customer&apos;s discount and the creator&apos;s commission, then add creators: their codes appear in Shopify within seconds.
        </EmptyState>
      ) : (
        <DataTable label="Campaigns" columns={[{ label: "Campaign" }, { label: "Status" }, { label: "Dates" }, { label: "Discount" }, { label: "Commission" }, { label: "Creators", align: "right" }]} variant="panel" testId="campaigns">
          {rows.map((c) => {
            const status = campaignStatus(c);
            return (
              <tr key={c.id}>
                <td className="px-4 py-2.5">
                  <Link href={`/brand/${slug}/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                    {c.name}
                  </Link>
                </td>
                <td className="px-4 py-2.5"><Badge tone={STATUS_TONE[status]}>{status}</Badge></td>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">
                  {formatDateTimeIn(c.startsAt, c.timezone)} – {c.endsAt ? formatDateTimeIn(c.endsAt, c.timezone) : "open-ended"}
                </td>
                <td className="px-4 py-2.5">{formatDiscount(c)}</td>
                <td className="px-4 py-2.5">{formatPercent(c.commissionRateBps)}</td>
                <td className="px-4 py-2.5 text-right tabular-nums">{c.creators}</td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
