import type { Metadata } from "next";
import { DeliveriesTable } from "@/components/portal/deliveries-table";
import { PageHeader } from "@/components/ui/card";
import { requireBrand } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { countDeliveriesByStatus, listDeliveries, type DeliveryStatus } from "@/lib/webhooks/list-deliveries";
import { rerunDeliveryAction, retryFailedDeliveriesAction } from "../actions";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";

export const metadata: Metadata = { title: "Webhook deliveries" };

const STATUSES = new Set(["received", "processing", "processed", "failed", "ignored"]);

export default async function DeliveriesPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ status?: string }>;
}) {
  const [{ workspace: slug }, { status: rawStatus }] = await Promise.all([params, searchParams]);
  const status = rawStatus && STATUSES.has(rawStatus) ? (rawStatus as DeliveryStatus) : undefined;
  const { db, access } = await requireBrand(slug);
  const [deliveries, counts, shop] = await Promise.all([
    listDeliveries(db, { workspaceId: access.workspace.id, status }),
    countDeliveriesByStatus(db, access.workspace.id),
    getConnectedShop(db, access.workspace.id),
  ]);
  return (
    <>
      <PageHeader
        title="Webhook deliveries"
        description="Every webhook Shopify sent, as received. A delivery that fails for a passing reason retries on its own a few times, with growing pauses; one that can never be used, or is out of retries, is parked with its reason. An admin can retry any of them — nothing is ever counted twice."
      />
      <DeliveriesTable
        workspace={slug}
        status={status}
        timeZone={shop?.ianaTimezone ?? "UTC"}
        initial={{ deliveries, counts }}
        canRerun={roleAtLeast(access.role, "admin")}
        rerunAction={rerunDeliveryAction}
        retryAllAction={retryFailedDeliveriesAction}
      />
    </>
  );
}
