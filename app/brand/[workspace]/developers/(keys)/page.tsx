import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { listWebhookEndpoints } from "@/lib/webhook-endpoints/manage-endpoints";
import { CreateApiKeyForm, RevokeApiKeyButton } from "@/components/portal/api-key-forms";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { listApiKeys } from "@/lib/api-keys/api-keys";
import { requireBrand } from "@/lib/auth/guards";
import { appUrl } from "@/lib/env";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { createApiKeyAction, revokeApiKeyAction } from "../../actions";
import { DataTable } from "@/components/ui/table";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Developers" };

export default async function DevelopersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [keys, endpoints] = await Promise.all([listApiKeys(db, access.workspace.id), listWebhookEndpoints(db, access.workspace.id)]);
  const disabled = endpoints.filter((e) => e.status === "disabled").length;
  const isAdmin = roleAtLeast(access.role, "admin");
  return (
    <>
      <PageHeader
        title="Developers"
        description={
          <>
            The REST API (v1) gives your systems campaigns, creators and refund-adjusted conversions. Reference:{" "}
            <a className="text-brand-700 underline" href="/api/v1/openapi.json">
              OpenAPI document
            </a>
            .
          </>
        }
      />
      <div className="space-y-6">
        <Card
          title="Webhooks"
          description="Tally POSTs signed events (sales, refunds, payouts) to your endpoints as they happen."
          actions={
            <Link className={buttonClass("secondary", "px-3 py-1.5 text-xs")} href={`/brand/${slug}/developers/webhooks`}>
              Manage webhooks
            </Link>
          }
        >
          <p className="text-sm text-slate-600">
            {endpoints.length === 0
              ? "No endpoints yet."
              : `${endpoints.length} endpoint${endpoints.length === 1 ? "" : "s"}${disabled ? `, ${disabled} disabled` : ""}.`}
          </p>
        </Card>
        <Card title="Quick start">
          <ScrollRegion label="Example request" className="rounded-md bg-slate-900">
            <pre className="p-4 text-xs text-slate-100">{`curl ${appUrl()}/api/v1/creators \\\n  -H "Authorization: Bearer tly_…"`}</pre>
          </ScrollRegion>
        </Card>
        {isAdmin && (
          <Card title="Create an API key" description="One key belongs to this workspace only. Store it like a password.">
            <CreateApiKeyForm action={createApiKeyAction} workspace={slug} />
          </Card>
        )}
        {keys.length === 0 ? (
          <EmptyState title="No API keys yet">Create a key to call the API from your own systems.</EmptyState>
        ) : (
          <Card title="API keys">
            <DataTable label="API keys" columns={[{ label: "Name" }, { label: "Key" }, { label: "Created" }, { label: "Last used" }, { label: "Actions", srOnly: true }]}>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td className="px-5 py-2.5 font-medium">{k.name}</td>
                  <td className="px-5 py-2.5 font-mono text-xs text-slate-600">{k.prefix}…</td>
                  <td className="px-5 py-2.5 text-slate-600">{formatDateTime(k.createdAt)}</td>
                  <td className="px-5 py-2.5 text-slate-600">{k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never"}</td>
                  <td className="px-5 py-2.5 text-right">
                    {k.revokedAt ? (
                      <Badge tone="red">Revoked</Badge>
                    ) : isAdmin ? (
                      <RevokeApiKeyButton action={revokeApiKeyAction} workspace={slug} keyId={k.id} name={k.name} />
                    ) : (
                      <Badge tone="green">Active</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </Card>
        )}
      </div>
    </>
  );
}
