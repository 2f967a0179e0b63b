import type { Metadata } from "next";
import { AcceptInvitationButton, ProfileForm } from "@/components/creator/profile-form";
import { Badge, Card, PageHeader, RowList } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { requireCreator } from "@/lib/auth/guards";
import { listPendingCreatorInvitations } from "@/lib/creators/update-creator-profile";
import { updateProfileAction, acceptBrandInvitationAction } from "./actions";

export const metadata: Metadata = { title: "Profile" };

export default async function CreatorProfilePage() {
  const { db, creator } = await requireCreator();
  const pending = await listPendingCreatorInvitations(db, creator.id);
  return (
    <>
      <PageHeader title="Profile" description="How brands see you. Your email is your sign-in and is shared only with brands you work with." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Your details">
          <div className="mb-4 text-sm">
            <span className="text-slate-500">Email </span>
            <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">{creator.email}</span>
          </div>
          <ProfileForm action={updateProfileAction} fullName={creator.fullName} handle={creator.handle} payoutEmail={creator.payoutEmail} socialLinks={creator.socialLinks} />
        </Card>
        <Card title="Invitations" description="Brands that invited you and are waiting for you to join.">
          <RowList items={pending} empty="No open invitations." testId="pending-invitations" rowKey={(p) => p.workspaceId} row={(p) => (
            <>
              <span className="font-medium text-slate-900">{p.brand}</span>
              <span className="flex items-center gap-2 text-slate-500">
                <Badge tone="amber">Invited</Badge>
                {p.expiresAt ? `open until ${formatDate(p.expiresAt)}` : "expired: ask the brand to invite you again"}
                {p.expiresAt && <AcceptInvitationButton action={acceptBrandInvitationAction} workspaceId={p.workspaceId} brand={p.brand} />}
              </span>
            </>
          )} />
          <p className="mt-3 text-xs text-slate-500">Accept here, or with the link in the invitation email.</p>
        </Card>
      </div>
    </>
  );
}
