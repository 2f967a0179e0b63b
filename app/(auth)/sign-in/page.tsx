import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { getSessionUser } from "@/lib/auth/session";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { signInAction } from "../actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; signed_out?: string }> }) {
  const { callbackUrl: raw, signed_out: signedOut } = await searchParams;
  // Only a same-origin path is ever followed; anything else (//evil.example, /\evil.example, https://…) goes home.
  const callbackUrl = safeRedirectPath(raw);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Sign in</h1>
      <p className="mb-6 text-sm text-slate-500">Brands and creators sign in here.</p>
      {signedOut === "everywhere" && (
        <div className="mb-4">
          <Alert tone="success">You are signed out on every device.</Alert>
        </div>
      )}
      <SignInForm action={signInAction} callbackUrl={callbackUrl} />
    </>
  );
}
