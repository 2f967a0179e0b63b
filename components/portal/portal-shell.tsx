import Link from "next/link";
import type { ReactNode } from "react";
import type { Portals } from "@/lib/auth/list-portals";
import { PortalNav, type NavItem } from "./portal-nav";
import { SignOutButton } from "./sign-out-button";
import { PortalSwitcher } from "./portal-switcher";

/** The frame of both portals: top bar with the portal switcher and sign-out, side navigation, content. */
export function PortalShell({
  portals,
  current,
  nav,
  user,
  status,
  children,
}: {
  portals: Portals;
  current: { kind: "brand"; slug: string; name: string } | { kind: "creator"; name: string };
  nav: NavItem[];
  user: { email: string; name: string | null };
  /** Small live status in the top bar (brand portal: the email-unlock counter). */
  status?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
          <Link href="/" className="text-lg font-bold tracking-tight text-brand-700">
            Tally
          </Link>
          <span className="hidden text-xs font-medium uppercase tracking-wide text-slate-500 sm:inline">
            {current.kind === "brand" ? "Brand" : "Creator"}
          </span>
          <PortalSwitcher portals={portals} current={current} />
          <div className="ml-auto flex items-center gap-3">
            {status}
            <Link href="/account" className="rounded-md px-2 py-1.5 text-sm text-slate-600 hover:bg-slate-100" title={`${user.email}: password and devices`}>
              <span className="hidden md:inline">{user.name ?? user.email}</span>
              <span className="md:hidden">Account</span>
            </Link>
            <SignOutButton />
          </div>
        </div>
        <PortalNav items={nav} variant="mobile" />
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-4 py-6 sm:px-6">
        <PortalNav items={nav} variant="desktop" />
        <main id="main" className="min-w-0 flex-1">
          {children}
        </main>
      </div>
    </div>
  );
}
