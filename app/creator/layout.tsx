import type { ReactNode } from "react";
import { PortalShell } from "@/components/portal/portal-shell";
import { requireCreator } from "@/lib/auth/guards";
import { listPortals } from "@/lib/auth/list-portals";

export default async function CreatorLayout({ children }: { children: ReactNode }) {
  const { user, db, creator } = await requireCreator();
  const portals = await listPortals(db, user.id);
  return (
    <PortalShell
      portals={portals}
      current={{ kind: "creator", name: creator.fullName }}
      user={user}
      nav={[
        { href: "/creator", label: "Home", exact: true },
        { href: "/creator/earnings", label: "Earnings" },
        { href: "/creator/profile", label: "Profile" },
      ]}
    >
      {children}
    </PortalShell>
  );
}
