import type { Metadata } from "next";
import { InviteCreatorForm } from "@/components/portal/invite-forms";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { requireBrand } from "@/lib/auth/guards";
import { listWorkspaceCreators } from "@/lib/creators/list-workspace-creators";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { inviteCreatorAction } from "../actions";
import { DataTable } from "@/components/ui/table";

export const metadata: Metadata = { title: "Creators" };

export default async function CreatorsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const creators = await listWorkspaceCreators(db, access.workspace.id);
  const canInvite = roleAtLeast(access.role, "admin");
  return (
    <>
      <PageHeader title="Creators" description="Everyone who promotes your brand. Each creator gets their own portal." />
      <div className="space-y-6">
        {canInvite && (
          <Card title="Invite a creator" description="They receive a link to set a password and open their creator portal.">
            <InviteCreatorForm action={inviteCreatorAction} workspace={slug} />
          </Card>
        )}
        {creators.length === 0 ? (
          <EmptyState title="No creators yet">Invite your first creator above; they will show up here.</EmptyState>
        ) : (
          <Card title={`${creators.length} creator${creators.length === 1 ? "" : "s"}`}>
            <DataTable label="Creators" columns={[{ label: "Name" }, { label: "Email" }, { label: "Handle" }, { label: "Status" }, { label: "Added" }]}>
              {creators.map((c) => (
                <tr key={c.id}>
                  <td className="px-5 py-2.5 font-medium text-slate-900">{c.fullName}</td>
                  <td className="px-5 py-2.5 text-slate-600">{c.email}</td>
                  <td className="px-5 py-2.5 text-slate-600">{c.handle ? `@${c.handle}` : "—"}</td>
                  <td className="px-5 py-2.5">
                    <Badge tone={c.status === "active" ? "green" : c.status === "invited" ? "amber" : "slate"}>
                      {c.status === "active" ? "Joined" : c.status === "invited" ? "Invited" : "Removed"}
                    </Badge>
                  </td>
                  <td className="px-5 py-2.5 text-slate-600">{formatDate(c.joinedAt)}</td>
                </tr>
              ))}
            </DataTable>
          </Card>
        )}
      </div>
    </>
  );
}
