import type { Metadata } from "next";
import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getSessionUser } from "@/lib/auth/session";
import { getOpenInvitation } from "@/lib/invitations/get-open-invitation";
import { acceptInvitationAction, signOutAction } from "../../actions";

export const metadata: Metadata = { title: "Accept invitation" };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([getOpenInvitation(await getDb(), token), getSessionUser()]);
  if (!invite) {
    return (
      <>
        <h1 className="mb-4 text-xl font-semibold">Invitation not found</h1>
        <Alert>This invitation is invalid, has expired or was already used. Ask the brand for a new one.</Alert>
        <Link href="/sign-in" className="mt-4 block text-center text-sm text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </>
    );
  }
  const { invitation, workspaceName, accountExists } = invite;
  const what =
    invitation.kind === "creator"
      ? `${workspaceName} invited you to work with them as a creator on Tally.`
      : `You are invited to join ${workspaceName} on Tally as ${invitation.role === "admin" ? "an admin" : "a member"}.`;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {workspaceName}</h1>
      <p className="mb-6 text-sm text-slate-500">{what}</p>
      {user && user.email !== invitation.email ? (
        <div className="space-y-4">
          <Alert>
            This invitation is for <strong>{invitation.email}</strong>, but you are signed in as {user.email}.
          </Alert>
          <form action={signOutAction}>
            <button className="w-full text-sm text-brand-700 hover:underline">Sign out and continue</button>
          </form>
        </div>
      ) : !user && accountExists ? (
        <div className="space-y-4">
          <p className="text-sm">
            You already have a Tally account as <strong>{invitation.email}</strong>. Sign in to accept.
          </p>
          <Link
            href={`/sign-in?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`}
            className="block rounded-md bg-brand-600 px-3.5 py-2 text-center text-sm font-medium text-white hover:bg-brand-700"
          >
            Sign in to accept
          </Link>
        </div>
      ) : (
        <>
          <p className="mb-4 text-sm text-slate-600">
            Email: <strong>{invitation.email}</strong>
          </p>
          <AcceptInvitationForm action={acceptInvitationAction} token={token} needsAccount={!user} />
        </>
      )}
    </>
  );
}
