import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/account/account-forms";
import { describeDevice } from "@/components/account/describe-device";
import { buttonClass } from "@/components/ui/button";
import { Alert, Badge, Card, PageHeader, RowList } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { requireUser } from "@/lib/auth/guards";
import { listUserSessions } from "@/lib/auth/user-sessions";
import { getDb } from "@/db/client";
import { changePasswordAction, signOutEverywhereAction } from "../(auth)/actions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ searchParams }: { searchParams: Promise<{ password?: string }> }) {
  const [user, flash] = await Promise.all([requireUser(), searchParams]);
  const sessions = await listUserSessions(await getDb(), user.id);
  return (
    <>
      <PageHeader title="Account" description={user.email} />
      <div className="space-y-6">
        {flash.password === "changed" && <Alert tone="success">Your password was changed. Every other device was signed out.</Alert>}
        <Card title="Password" description="Changing it signs you out everywhere else.">
          <ChangePasswordForm action={changePasswordAction} />
        </Card>
        <Card
          title="Where you are signed in"
          description="Each browser or device you signed in with. Signing out of all devices ends every one of them, this one too."
        >
          <RowList items={sessions} empty="No active sessions." testId="sessions" rowKey={(s) => s.id} row={(s) => (
            <>
              <span className="flex items-center gap-2 font-medium text-slate-900">
                {describeDevice(s.userAgent)}
                {s.id === user.sessionId && <Badge tone="green">This device</Badge>}
              </span>
              <span className="text-slate-500">
                Signed in {formatDateTime(s.createdAt)} UTC · last active {formatDateTime(s.lastSeenAt)} UTC
              </span>
            </>
          )} />
          <form action={signOutEverywhereAction} className="mt-4">
            <button type="submit" className={buttonClass("secondary", "w-full sm:w-auto")}>
              Sign out of all devices
            </button>
          </form>
        </Card>
      </div>
    </>
  );
}
