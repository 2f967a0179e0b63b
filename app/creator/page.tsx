import type { Metadata } from "next";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDate } from "@/components/ui/format";
import { requireCreator } from "@/lib/auth/guards";
import { listCreatorBrands } from "@/lib/creators/get-creator-for-user";

export const metadata: Metadata = { title: "Creator home" };

export default async function CreatorHomePage() {
  const { db, creator } = await requireCreator();
  const brands = await listCreatorBrands(db, creator.id);
  return (
    <>
      <PageHeader title={`Hi ${creator.fullName.split(" ")[0]}`} description="The brands you work with, your codes and your earnings." />
      {brands.length === 0 ? (
        <EmptyState title="No brands yet">When a brand invites you, it appears here with your codes and links.</EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {brands.map((b) => (
            <Card
              key={b.workspaceId}
              title={b.name}
              actions={<Badge tone={b.status === "active" ? "green" : "amber"}>{b.status === "active" ? "Working together" : "Invited"}</Badge>}
            >
              <p className="text-sm text-slate-500">Since {formatDate(b.since)}</p>
              <p className="mt-2 text-sm text-slate-600">Your campaign codes and referral links appear here once the brand adds you to a campaign.</p>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
