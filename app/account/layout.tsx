import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/portal/sign-out-button";
import { requireUser } from "@/lib/auth/guards";

/** The account pages' frame: both portals' users land here from the top bar. */
export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="min-h-screen">
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-3xl items-center gap-3 px-4 sm:px-6">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Tally
          </Link>
          <Link href="/" className="text-sm text-slate-600 hover:text-brand-700 hover:underline">
            ← Back to your portal
          </Link>
          <div className="ml-auto flex items-center gap-3">
            <span className="hidden text-sm text-slate-500 sm:inline">{user.email}</span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-3xl px-4 py-6 sm:px-6">
        {children}
      </main>
    </div>
  );
}
