import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CampaignForm } from "@/components/campaigns/campaign-form";
import { Card, PageHeader } from "@/components/ui/card";
import { requireBrand } from "@/lib/auth/guards";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { createCampaignAction } from "../actions";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug, "admin");
  const shop = await getConnectedShop(db, access.workspace.id);
  if (!shop) redirect(`/brand/${slug}/campaigns`);
  return (
    <>
      <PageHeader title="New campaign" description={`Codes are created in ${shop.name ?? shop.domain}; amounts are in ${shop.currency ?? "USD"}.`} />
      <Card>
        <CampaignForm action={createCampaignAction} workspace={slug} currency={shop.currency ?? "USD"} shopTimeZone={shop.ianaTimezone} now={new Date().toISOString()} />
      </Card>
    </>
  );
}
