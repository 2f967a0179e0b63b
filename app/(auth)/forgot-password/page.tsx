import type { Metadata } from "next";
import Link from "next/link";
import { ForgotPasswordForm } from "@/components/auth/forms";
import { requestPasswordResetAction } from "../actions";

export const metadata: Metadata = { title: "Reset your password" };

export default function ForgotPasswordPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Reset your password</h1>
      <p className="mb-6 text-sm text-slate-500">We will email you a link to choose a new one.</p>
      <ForgotPasswordForm action={requestPasswordResetAction} />
      <Link href="/sign-in" className="mt-4 block text-center text-sm text-brand-700 hover:underline">
        Back to sign in
      </Link>
    </>
  );
}
