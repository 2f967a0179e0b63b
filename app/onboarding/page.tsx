import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreateWorkspaceForm } from "@/components/auth/forms";
import { createWorkspaceAction } from "../(auth)/actions";
import { getSessionUser } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Create a workspace" };

export default async function OnboardingPage() {
  if (!(await getSessionUser())) redirect("/sign-in");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
        <h1 className="mb-1 text-xl font-semibold">Create a brand workspace</h1>
        <p className="mb-6 text-sm text-slate-500">You are not part of a workspace yet.</p>
        <CreateWorkspaceForm action={createWorkspaceAction} />
      </div>
    </main>
  );
}
