import type { Metadata } from "next";
import { RenameWorkspaceForm } from "@/components/portal/rename-workspace-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { requireBrand } from "@/lib/auth/guards";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { renameWorkspaceAction } from "../actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const activity = await listAuditLog(db, access.workspace.id, 30);
  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        {roleAtLeast(access.role, "admin") && (
          <Card title="Workspace">
            <RenameWorkspaceForm action={renameWorkspaceAction} workspace={slug} name={access.workspace.name} />
          </Card>
        )}
        <Card title="Shopify store" description="Connect the store whose orders Tally attributes.">
          <EmptyState title="No store connected">Store connection arrives with the Shopify integration.</EmptyState>
        </Card>
        <Card title="Activity" description="Who did what in this workspace.">
          {activity.length === 0 ? (
            <p className="text-sm text-slate-500">Nothing yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {activity.map((a) => (
                <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span className="font-mono text-xs text-slate-700">{a.action}</span>
                  <span className="text-slate-500">{formatDateTime(a.createdAt)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
