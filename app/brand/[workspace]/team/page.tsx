import type { Metadata } from "next";
import { InviteMemberForm } from "@/components/portal/invite-forms";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { requireBrand } from "@/lib/auth/guards";
import { listPendingInvitations } from "@/lib/invitations/list-pending-invitations";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { listMembers } from "@/lib/workspaces/list-members";
import { inviteMemberAction } from "../actions";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [members, pending] = await Promise.all([
    listMembers(db, access.workspace.id),
    listPendingInvitations(db, access.workspace.id),
  ]);
  const memberInvites = pending.filter((p) => p.kind === "member");
  return (
    <>
      <PageHeader title="Team" description="People at your brand who can see and run campaigns." />
      <div className="space-y-6">
        {roleAtLeast(access.role, "admin") && (
          <Card title="Invite a teammate" description="Admins manage creators, keys and settings; members can view and work in campaigns.">
            <InviteMemberForm action={inviteMemberAction} workspace={slug} />
          </Card>
        )}
        <Card title="Members">
          <ul className="divide-y divide-slate-100">
            {members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <div>
                  <p className="text-sm font-medium">{m.name ?? m.email}</p>
                  <p className="text-sm text-slate-500">{m.email}</p>
                </div>
                <Badge tone={m.role === "owner" ? "violet" : "slate"}>{m.role}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        {memberInvites.length > 0 && (
          <Card title="Pending invitations">
            <ul className="divide-y divide-slate-100">
              {memberInvites.map((i) => (
                <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                  <span>{i.email}</span>
                  <span className="text-slate-500">
                    {i.role} · expires {formatDate(i.expiresAt)}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
      </div>
    </>
  );
}
