import type { Metadata } from "next";
import Link from "next/link";
import { AddWebhookEndpointForm } from "@/components/webhooks/webhook-endpoint-forms";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { DataTable } from "@/components/ui/table";
import { requireBrand } from "@/lib/auth/guards";
import { isProduction } from "@/lib/env";
import { deliveryCountsByEndpoint } from "@/lib/webhook-endpoints/list-deliveries";
import { listWebhookEndpoints } from "@/lib/webhook-endpoints/manage-endpoints";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { createWebhookEndpointAction } from "../actions";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [endpoints, counts] = await Promise.all([listWebhookEndpoints(db, access.workspace.id), deliveryCountsByEndpoint(db, access.workspace.id)]);
  const isAdmin = roleAtLeast(access.role, "admin");
  const base = `/brand/${slug}/developers/webhooks`;
  return (
    <>
      <PageHeader
        title="Webhooks"
        description={
          <>
            <Link className="text-brand-700 underline" href={`/brand/${slug}/developers`}>
              Developers
            </Link>{" "}
            → Webhooks. Tally POSTs each event to your endpoints, signed with the Standard Webhooks scheme, and retries failures for 3 days. Missed some?{" "}
            <code className="text-xs">GET /api/v1/events</code> replays every event in order.
          </>
        }
      />
      <div className="space-y-6">
        {endpoints.length === 0 ? (
          <EmptyState title="No webhook endpoints yet">Add an endpoint to hear about sales, refunds and payouts as they happen, without polling the API.</EmptyState>
        ) : (
          <Card title="Endpoints">
            <DataTable label="Webhook endpoints" columns={[{ label: "Endpoint" }, { label: "Events" }, { label: "Status" }, { label: "Added" }]} testId="webhook-endpoints">
              {endpoints.map((e) => {
                const c = counts.get(e.id);
                return (
                  <tr key={e.id}>
                    <td className="max-w-md px-5 py-2.5">
                      <Link className="break-all font-medium text-brand-700 underline" href={`${base}/${e.id}`}>
                        {e.url}
                      </Link>
                      {e.description && <span className="block text-xs text-slate-500">{e.description}</span>}
                    </td>
                    <td className="px-5 py-2.5 text-slate-600">{e.eventTypes.length === 0 ? "Every type" : `${e.eventTypes.length} type${e.eventTypes.length === 1 ? "" : "s"}`}</td>
                    <td className="px-5 py-2.5">
                      <span className="flex flex-wrap gap-1">
                        {e.status === "disabled" ? <Badge tone="red">Disabled</Badge> : e.failingSince ? <Badge tone="amber">Failing</Badge> : <Badge tone="green">Enabled</Badge>}
                        {c?.failed ? <Badge tone="red">{c.failed} failed</Badge> : null}
                        {c?.retrying ? <Badge tone="amber">{c.retrying} retrying</Badge> : null}
                      </span>
                    </td>
                    <td className="whitespace-nowrap px-5 py-2.5 text-slate-600">{formatDateTime(e.createdAt)}</td>
                  </tr>
                );
              })}
            </DataTable>
          </Card>
        )}
        {isAdmin ? (
          <Card title="Add an endpoint" description="Each endpoint gets its own signing secret. Verify every request with it; de-duplicate by the webhook-id header (a delivery may repeat).">
            <AddWebhookEndpointForm action={createWebhookEndpointAction} workspace={slug} production={isProduction()} />
          </Card>
        ) : (
          <p className="text-sm text-slate-500">Ask an owner or admin of {access.workspace.name} to add or change endpoints.</p>
        )}
      </div>
    </>
  );
}
