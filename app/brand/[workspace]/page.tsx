import type { Metadata } from "next";
import Link from "next/link";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { requireBrand } from "@/lib/auth/guards";
import { getWorkspaceOverview } from "@/lib/workspaces/get-workspace-overview";

export const metadata: Metadata = { title: "Overview" };

export default async function BrandOverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const overview = await getWorkspaceOverview(db, access.workspace.id);
  const base = `/brand/${slug}`;
  const steps = [
    { done: false, title: "Connect your Shopify store", text: "Tally pushes creator codes to your store and reads orders and refunds.", href: `${base}/settings` },
    { done: overview.creators > 0, title: "Add creators", text: "Invite the creators you work with; each gets a portal with their codes and earnings.", href: `${base}/creators` },
    { done: overview.members > 1, title: "Invite your team", text: "Teammates see the same campaigns and results.", href: `${base}/team` },
  ];
  return (
    <>
      <PageHeader title={access.workspace.name} description="Your creator programme at a glance." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Creators" value={overview.creators} />
        <Stat label="Team members" value={overview.members} />
        <Stat label="API keys" value={overview.apiKeys} />
      </div>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Get started" description="Three steps to your first attributed sale.">
          <ol className="space-y-4">
            {steps.map((s, i) => (
              <li key={s.title} className="flex gap-3">
                <span
                  className={`mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${s.done ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-600"}`}
                  aria-label={s.done ? "Done" : `Step ${i + 1}`}
                >
                  {s.done ? "✓" : i + 1}
                </span>
                <div>
                  <Link href={s.href} className="text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline">
                    {s.title}
                  </Link>
                  <p className="text-sm text-slate-500">{s.text}</p>
                </div>
              </li>
            ))}
          </ol>
        </Card>
        <EmptyState
          title="No sales yet"
          action={
            <Link href={`${base}/creators`} className={buttonClass("primary")}>
              Add creators
            </Link>
          }
        >
          Once your store is connected and creators share their codes, attributed sales, refunds and commission appear
          here, refund-adjusted to the cent.
        </EmptyState>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <p className="text-sm text-slate-500">{label}</p>
      <p className="mt-1 text-2xl font-semibold tabular-nums">{value.toLocaleString("en-US")}</p>
    </div>
  );
}
