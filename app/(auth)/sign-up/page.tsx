import type { Metadata } from "next";
import { SignUpForm } from "@/components/auth/forms";
import { signUpAction } from "../actions";

export const metadata: Metadata = { title: "Create a brand account" };

export default function SignUpPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create your brand account</h1>
      <p className="mb-6 text-sm text-slate-500">Creators join by invitation from a brand.</p>
      <SignUpForm action={signUpAction} />
    </>
  );
}
