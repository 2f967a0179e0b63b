import type { ReactNode } from "react";
import { UnlockCounter } from "@/components/discovery/unlock-counter";
import { PortalShell } from "@/components/portal/portal-shell";
import { requireBrand } from "@/lib/auth/guards";
import { listPortals } from "@/lib/auth/list-portals";
import { getUnlockQuota, quotaJson } from "@/lib/discovery/get-unlock-quota";

export default async function BrandLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { user, db, access } = await requireBrand(slug);
  const portals = await listPortals(db, user.id);
  const quota = quotaJson(await getUnlockQuota(db, { workspaceId: access.workspace.id, now: new Date() }));
  const base = `/brand/${slug}`;
  return (
    <PortalShell
      portals={portals}
      current={{ kind: "brand", slug, name: access.workspace.name }}
      user={user}
      status={<UnlockCounter slug={slug} initial={quota} />}
      nav={[
        { href: base, label: "Overview", exact: true },
        { href: `${base}/campaigns`, label: "Campaigns" },
        { href: `${base}/conversions`, label: "Conversions" },
        { href: `${base}/creators`, label: "Creators" },
        { href: `${base}/payouts`, label: "Payouts" },
        { href: `${base}/discover`, label: "Discover" },
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
