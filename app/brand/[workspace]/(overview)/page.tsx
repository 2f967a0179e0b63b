import type { Metadata } from "next";
import { Fragment } from "react";
import Link from "next/link";
import { WorkspaceResults } from "@/components/dashboard/workspace-results";
import { Alert, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { requireBrand } from "@/lib/auth/guards";
import { getWorkspaceResults } from "@/lib/dashboard/get-workspace-results";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { getWorkspaceOverview } from "@/lib/workspaces/get-workspace-overview";
import { formatDateTime, formatMoney } from "@/components/ui/format";
import { FAILING_WARNING_MINUTES, getFailingDeliveriesWarning } from "@/lib/webhooks/failing-deliveries";
import { getLiability } from "@/lib/payouts/get-balances";

export const metadata: Metadata = { title: "Overview" };

export default async function BrandOverviewPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const { db, access } = await requireBrand(slug);
  const [overview, shop, results, liability, failing] = await Promise.all([
    getWorkspaceOverview(db, access.workspace.id),
    getConnectedShop(db, access.workspace.id),
    getWorkspaceResults(db, { workspaceId: access.workspace.id }),
    getLiability(db, access.workspace.id),
    getFailingDeliveriesWarning(db, access.workspace.id),
  ]);
  const base = `/brand/${slug}`;
  const steps = [
    { done: Boolean(shop), title: "Connect your Shopify store", text: "Tally pushes creator codes to your store and reads orders and refunds.", href: `${base}/settings` },
    { done: overview.creators > 0, title: "Add creators", text: "Invite the creators you work with; each gets a portal with their codes and earnings.", href: `${base}/creators` },
    { done: results.campaigns.length > 0, title: "Create a campaign", text: "Every creator on it gets their own discount code in your store.", href: `${base}/campaigns` },
  ];
  const started = steps.every((s) => s.done);
  return (
    <>
      <PageHeader title={access.workspace.name} description={shop ? `Your creator programme at a glance · ${shop.domain}` : "Your creator programme at a glance."} />
      {failing && (
        <div className="mb-6">
          <Alert>
            {failing.count.toLocaleString("en-US")} Shopify {failing.count === 1 ? "delivery has" : "deliveries have"} been failing for more than {FAILING_WARNING_MINUTES} minutes (since{" "}
            {formatDateTime(failing.since)}): the orders or refunds in them are not in your figures yet.{" "}
            <Link href={`${base}/deliveries?status=failed`} className="font-medium underline">
              See why and retry
            </Link>
          </Alert>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat label="Campaigns" value={results.campaigns.length} />
        <Stat label="Creators" value={overview.creators} />
        <Stat label="Team members" value={overview.members} />
      </div>
      <div className="mt-6 space-y-6">
        {!shop && (
          <EmptyState title="No store connected" action={<Link href={`${base}/settings`} className={buttonClass("primary")}>Connect store</Link>}>
            Connect a store to push creator codes and see attributed sales, refunds and commission here, refund-adjusted to the cent.
          </EmptyState>
        )}
        {!started && (
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
        )}
        {liability.length > 0 && (
          <Card
            title="Commission owed"
            description={`Held ${access.workspace.payoutHoldDays} days after each order is paid, then payable.`}
            actions={
              <Link href={`${base}/payouts`} className={buttonClass("secondary")}>
                Payouts
              </Link>
            }
          >
            <dl className="grid gap-4 text-sm sm:grid-cols-3" data-testid="overview-liability">
              {liability.map((l) => (
                <Fragment key={l.currency}>
                  <div>
                    <dt className="text-slate-500">Pending ({l.currency})</dt>
                    <dd className="text-lg font-semibold tabular-nums">{formatMoney(l.pending, l.currency)}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Payable now ({l.currency})</dt>
                    <dd className="text-lg font-semibold tabular-nums">{formatMoney(l.payable, l.currency)}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-500">Next payout estimate</dt>
                    <dd className="text-lg font-semibold tabular-nums">
                      {formatMoney(l.payable, l.currency)} <span className="text-sm font-normal text-slate-500">to {l.creatorsPayable} creator{l.creatorsPayable === 1 ? "" : "s"}</span>
                    </dd>
                  </div>
                </Fragment>
              ))}
            </dl>
          </Card>
        )}
        {shop && <WorkspaceResults workspace={slug} initial={JSON.parse(JSON.stringify(results))} />}
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
