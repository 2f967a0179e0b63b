import type { ReactNode } from "react";
import { PortalShell } from "@/components/portal/portal-shell";
import { requireBrand } from "@/lib/auth/guards";
import { listPortals } from "@/lib/auth/list-portals";

export default async function BrandLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { user, db, access } = await requireBrand(slug);
  const portals = await listPortals(db, user.id);
  const base = `/brand/${slug}`;
  return (
    <PortalShell
      portals={portals}
      current={{ kind: "brand", slug, name: access.workspace.name }}
      user={user}
      nav={[
        { href: base, label: "Overview", exact: true },
        { href: `${base}/campaigns`, label: "Campaigns" },
        { href: `${base}/conversions`, label: "Conversions" },
        { href: `${base}/creators`, label: "Creators" },
        { href: `${base}/orders`, label: "Orders" },
        { href: `${base}/deliveries`, label: "Deliveries" },
        { href: `${base}/team`, label: "Team" },
        { href: `${base}/developers`, label: "Developers" },
        { href: `${base}/settings`, label: "Settings" },
      ]}
    >
      {children}
    </PortalShell>
  );
}
