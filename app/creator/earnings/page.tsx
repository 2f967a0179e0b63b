import type { Metadata } from "next";
import { EarningsView } from "@/components/creator/earnings-view";
import { PageHeader } from "@/components/ui/card";
import { requireCreator } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Earnings" };

export default async function CreatorEarningsPage() {
  await requireCreator();
  return (
    <>
      <PageHeader
        title="Earnings"
        description="Your commission per brand and currency, refunds included. New sales and refunds appear here within seconds."
      />
      <EarningsView />
    </>
  );
}
