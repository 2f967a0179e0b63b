import type { Metadata } from "next";
import { RenameWorkspaceForm } from "@/components/portal/rename-workspace-form";
import { ConnectResult, DisconnectShopButton, ShopifyConnect } from "@/components/portal/shopify-connect";
import { Badge, Card, PageHeader, RowList } from "@/components/ui/card";
import { formatDateTime } from "@/components/ui/format";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import { requireBrand } from "@/lib/auth/guards";
import { listPrivacyRequests } from "@/lib/privacy/list-privacy-requests";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import { connectCustomAppAction, disconnectShopAction, renameWorkspaceAction, resumeSyncRunAction, startBackfillAction, startReconciliationAction, startReplayAction, updateAttributionSettingsAction, updateDeclaredDomainsAction } from "../actions";
import { SyncPanel } from "@/components/sync/sync-panel";
import { listSyncRuns } from "@/lib/sync/list-sync-runs";
import { listCampaigns } from "@/lib/campaigns/get-campaign";
import { AttributionSettingsForm } from "@/components/portal/attribution-settings-form";
import { DeclaredDomainsForm } from "@/components/portal/declared-domains-form";
import { PayoutHoldForm } from "@/components/payouts/payout-forms";
import { updatePayoutHoldAction } from "../payouts/actions";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<{ connected?: string; error?: string }>;
}) {
  const [{ workspace: slug }, flash] = await Promise.all([params, searchParams]);
  const { db, access } = await requireBrand(slug);
  const [activity, shop, privacy, runs, campaignList] = await Promise.all([
    listAuditLog(db, access.workspace.id, 30),
    getConnectedShop(db, access.workspace.id),
    listPrivacyRequests(db, access.workspace.id),
    listSyncRuns(db, { workspaceId: access.workspace.id }),
    listCampaigns(db, access.workspace.id),
  ]);
  const isAdmin = roleAtLeast(access.role, "admin");
  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        <ConnectResult connected={flash.connected} error={flash.error} />
        <Card
          title="Shopify store"
          description="The store whose orders Tally attributes, and where creator codes are created."
          actions={shop && isAdmin ? <DisconnectShopButton action={disconnectShopAction} workspace={slug} domain={shop.domain} /> : undefined}
        >
          {shop ? (
            <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2" data-testid="connected-shop">
              <div>
                <dt className="text-slate-500">Store</dt>
                <dd className="font-medium">
                  {shop.name ?? shop.domain} <span className="font-normal text-slate-500">({shop.domain})</span>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Status</dt>
                <dd>
                  <Badge tone="green">Connected</Badge> <span className="text-slate-500">since {formatDateTime(shop.connectedAt)}</span>
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Currency</dt>
                <dd>{shop.currency ?? "—"}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Installed as</dt>
                <dd>{shop.installKind === "oauth" ? "Tally app (OAuth)" : "Custom app"}</dd>
              </div>
              <div className="sm:col-span-2">
                <dt className="text-slate-500">Webhooks</dt>
                <dd>
                  {shop.webhooksRegisteredAt ? (
                    <>Subscribed {formatDateTime(shop.webhooksRegisteredAt)}</>
                  ) : (
                    <span className="text-red-700">Not subscribed{shop.webhookRegistrationError ? `: ${shop.webhookRegistrationError}` : ""}. Reconnect to repair.</span>
                  )}
                </dd>
              </div>
            </dl>
          ) : isAdmin ? (
            <ShopifyConnect workspace={slug} customAppAction={connectCustomAppAction} />
          ) : (
            <p className="text-sm text-slate-500">No store connected yet. An admin of this workspace can connect it.</p>
          )}
        </Card>
        {shop && (
          <Card title="Sync with Shopify" description="Backfill the last 90 days, reconcile Tally's ledger with Shopify, or replay stored deliveries. Nothing is ever counted twice.">
            <SyncPanel
              workspace={slug}
              canEdit={isAdmin}
              shopConnected
              currency={shop.currency ?? "USD"}
              timezone="UTC"
              campaigns={campaignList.map((c) => ({ id: c.id, name: c.name }))}
              initial={JSON.parse(JSON.stringify({ runs, active: runs.some((r) => r.status === "running") }))}
              startBackfillAction={startBackfillAction}
              startReconciliationAction={startReconciliationAction}
              startReplayAction={startReplayAction}
              resumeRunAction={resumeSyncRunAction}
            />
          </Card>
        )}
        <Card title="Storefront domains" description="Where campaign landing pages may send visitors, besides your Shopify store: your own storefront's domains.">
          {isAdmin ? (
            <DeclaredDomainsForm action={updateDeclaredDomainsAction} workspace={slug} domains={access.workspace.declaredDomains} shopDomain={shop?.domain ?? null} />
          ) : access.workspace.declaredDomains.length ? (
            <ul className="font-mono text-sm" data-testid="declared-domains">
              {access.workspace.declaredDomains.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-500">None declared: landing pages must be on your Shopify store.</p>
          )}
        </Card>
        {isAdmin && (
          <Card title="Attribution" description="How Tally decides which creator an order is credited to.">
            <AttributionSettingsForm
              action={updateAttributionSettingsAction}
              workspace={slug}
              values={{ tieBreak: access.workspace.tieBreakRule, selfReferral: access.workspace.selfReferralMode, clickWindowDays: access.workspace.clickWindowDays, newCreatorFlagDays: access.workspace.newCreatorFlagDays }}
            />
          </Card>
        )}
        <section id="payouts">
          <Card title="Payouts" description="The return window: how long earned commission waits before it can be paid.">
            {isAdmin ? (
              <PayoutHoldForm action={updatePayoutHoldAction} workspace={slug} holdDays={access.workspace.payoutHoldDays} />
            ) : (
              <p className="text-sm">Commission is held {access.workspace.payoutHoldDays} days after an order is paid.</p>
            )}
          </Card>
        </section>
        {isAdmin && (
          <Card title="Workspace">
            <RenameWorkspaceForm action={renameWorkspaceAction} workspace={slug} name={access.workspace.name} />
          </Card>
        )}
        <Card title="Privacy requests" description="Shopify's customer data requests and erasures, and what Tally did.">
          <RowList items={privacy} empty="None so far." testId="privacy-requests" rowKey={(p) => p.id} row={(p) => (
            <>
              <span>
                <span className="font-mono text-xs">{p.topic}</span> · {p.ordersAffected} order{p.ordersAffected === 1 ? "" : "s"}
              </span>
              <span className="flex items-center gap-3 text-slate-500">
                {p.export && (
                  <a className="text-brand-700 underline" download={`data-request-${p.id}.json`} href={`data:application/json;charset=utf-8,${encodeURIComponent(JSON.stringify(p.export, null, 2))}`}>
                    Download export
                  </a>
                )}
                {formatDateTime(p.createdAt)}
              </span>
            </>
          )} />
        </Card>
        <Card title="Activity" description="Who did what in this workspace.">
          <RowList items={activity} empty="Nothing yet." rowKey={(a) => a.id} row={(a) => (
            <>
              <span className="font-mono text-xs text-slate-700">{a.action}</span>
              <span className="text-slate-500">{formatDateTime(a.createdAt)}</span>
            </>
          )} />
        </Card>
      </div>
    </>
  );
}
