import type { Metadata } from "next";
import Link from "next/link";
import { DeleteEndpointButton, EndpointStatusButton, RefreshWhile, ResendDeliveryButton, ResendFailedButton, SendTestEventButton, SigningSecretPanel } from "@/components/webhooks/webhook-endpoint-forms";
import { Alert, Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { formatDateTimeIn } from "@/components/ui/format";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { DataTable } from "@/components/ui/table";
import { requireBrand, requireWebhookEndpoint } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { getConnectedShop } from "@/lib/shops/get-connected-shop";
import { listEndpointDeliveries, type DeliveryStatus, type EndpointDelivery } from "@/lib/webhook-endpoints/list-deliveries";
import { roleAtLeast } from "@/lib/workspaces/get-brand-access";
import {
  deleteWebhookEndpointAction,
  resendDeliveryAction,
  resendFailedDeliveriesAction,
  revealWebhookSecretAction,
  rotateWebhookSecretAction,
  sendTestEventAction,
  setWebhookEndpointStatusAction,
} from "../actions";

export const metadata: Metadata = { title: "Webhook endpoint" };

const FILTERS = ["all", "failed", "retrying", "pending", "delivered"] as const;
const TONE = { pending: "violet", retrying: "amber", delivered: "green", failed: "red" } as const;

export default async function WebhookEndpointPage({
  params,
  searchParams,
}: {
  params: Promise<{ workspace: string; endpoint_id: string }>;
  searchParams: Promise<{ status?: string; cursor?: string }>;
}) {
  const [{ workspace: slug, endpoint_id: endpointId }, query] = await Promise.all([params, searchParams]);
  const { db, access } = await requireBrand(slug);
  const endpoint = await requireWebhookEndpoint(slug, endpointId);
  const status = (FILTERS as readonly string[]).includes(query.status ?? "") && query.status !== "all" ? (query.status as DeliveryStatus) : undefined;
  const listed = (cursor: string | null) => listEndpointDeliveries(db, { workspaceId: access.workspace.id, endpointId, status, cursor });
  const [page, failed, shop] = await Promise.all([
    // A cursor that does not decode (edited by hand) shows the first page.
    listed(query.cursor ?? null).catch((e: unknown) => (e instanceof AppError && e.code === "bad_request" ? listed(null) : Promise.reject(e))),
    listEndpointDeliveries(db, { workspaceId: access.workspace.id, endpointId, status: "failed", limit: 1 }),
    getConnectedShop(db, access.workspace.id),
  ]);
  const timeZone = shop?.ianaTimezone ?? "UTC";
  const isAdmin = roleAtLeast(access.role, "admin");
  const base = `/brand/${slug}/developers/webhooks/${endpointId}`;
  const inFlight = page.deliveries.some((d) => d.status === "pending" || d.status === "retrying");
  const enabled = endpoint.status === "enabled";
  const common = { workspace: slug, endpointId };
  return (
    <>
      <RefreshWhile active={inFlight} />
      <PageHeader
        title="Webhook endpoint"
        description={
          <>
            <Link className="text-brand-700 underline" href={`/brand/${slug}/developers/webhooks`}>
              Webhooks
            </Link>{" "}
            → <span className="break-all font-medium text-slate-700">{endpoint.url}</span>
          </>
        }
        actions={
          enabled ? <Badge tone={endpoint.failingSince ? "amber" : "green"}>{endpoint.failingSince ? "Enabled, failing" : "Enabled"}</Badge> : <Badge tone="red">Disabled</Badge>
        }
      />
      <div className="space-y-6">
        {!enabled && (
          <Alert>
            <p className="font-medium">This endpoint is disabled: it receives nothing.</p>
            <p>
              {endpoint.disabledReason ?? "Disabled."} {endpoint.disabledAt ? `(${formatDateTimeIn(endpoint.disabledAt, timeZone)})` : ""} Fix the receiver, turn the endpoint back on, then re-send
              the failed deliveries.
            </p>
          </Alert>
        )}
        {enabled && endpoint.failingSince && (
          <Alert tone="info">
            Every attempt has failed since {formatDateTimeIn(endpoint.failingSince, timeZone)}. Tally keeps retrying; after 3 days of failures the endpoint is disabled and your admins are emailed.
          </Alert>
        )}
        <Card
          title="Endpoint"
          description={endpoint.description ?? undefined}
          actions={
            isAdmin ? (
              <div className="flex flex-wrap gap-2">
                {enabled && <SendTestEventButton action={sendTestEventAction} {...common} />}
                <EndpointStatusButton action={setWebhookEndpointStatusAction} {...common} enabled={enabled} />
                <DeleteEndpointButton action={deleteWebhookEndpointAction} {...common} url={endpoint.url} />
              </div>
            ) : undefined
          }
        >
          <dl className="grid gap-3 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-500">Events</dt>
              <dd className="mt-1 flex flex-wrap gap-1">
                {endpoint.eventTypes.length === 0 ? (
                  "Every type"
                ) : (
                  endpoint.eventTypes.map((t) => (
                    <code key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs">
                      {t}
                    </code>
                  ))
                )}
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">Added</dt>
              <dd className="mt-1">{formatDateTimeIn(endpoint.createdAt, timeZone)}</dd>
            </div>
          </dl>
        </Card>
        {isAdmin && (
          <Card
            title="Signing secret"
            description={
              endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date()
                ? `Rotated: the previous secret also signs until ${formatDateTimeIn(endpoint.previousSecretExpiresAt, timeZone)}.`
                : "Verify the webhook-signature header with it (any Standard Webhooks library). Keep it secret."
            }
          >
            <SigningSecretPanel {...common} reveal={revealWebhookSecretAction} rotate={rotateWebhookSecretAction} />
          </Card>
        )}
        <Card
          title="Deliveries"
          description={`Newest first. Times in ${timeZone === "UTC" ? "UTC" : `the store's zone (${timeZone})`}.`}
          actions={
            // Shown while there are deliveries at all (not only failed ones), so that its answer is not unmounted by the refresh that follows it.
            isAdmin && enabled && (failed.deliveries.length > 0 || page.deliveries.length > 0) ? (
              <ResendFailedButton action={resendFailedDeliveriesAction} {...common} />
            ) : undefined
          }
        >
          <nav aria-label="Filter deliveries by status" className="mb-4 flex flex-wrap gap-2">
            {FILTERS.map((f) => (
              <Link
                key={f}
                href={f === "all" ? base : `${base}?status=${f}`}
                aria-current={(f === "all" && !status) || f === status ? "page" : undefined}
                className="rounded-full border border-slate-200 bg-white px-3 py-1 text-sm capitalize text-slate-600 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
              >
                {f}
              </Link>
            ))}
          </nav>
          {page.deliveries.length === 0 ? (
            <EmptyState title={status ? `No ${status} deliveries` : "No deliveries yet"}>
              {status ? "None in this state right now." : enabled ? "Events written from now on appear here. Send a test event to try your receiver." : "Turn the endpoint on to receive events."}
            </EmptyState>
          ) : (
            <DataTable
              label="Deliveries"
              testId="endpoint-deliveries"
              columns={[{ label: "Event" }, { label: "Status" }, { label: "Response", align: "right" }, { label: "Attempts", align: "right" }, { label: "Last attempt" }, { label: "Actions", srOnly: true }]}
            >
              {page.deliveries.map((d) => (
                <DeliveryRow key={d.id} d={d} timeZone={timeZone} resend={isAdmin && enabled && d.status !== "pending" ? { ...common, deliveryId: d.id } : null} />
              ))}
            </DataTable>
          )}
          {page.nextCursor && (
            <div className="mt-4">
              <Link className="text-sm text-brand-700 underline" href={`${base}?${new URLSearchParams({ ...(status ? { status } : {}), cursor: page.nextCursor })}`}>
                Older deliveries
              </Link>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

function DeliveryRow({ d, timeZone, resend }: { d: EndpointDelivery; timeZone: string; resend: { workspace: string; endpointId: string; deliveryId: string } | null }) {
  return (
    <tr data-testid="delivery" data-status={d.status} className="align-top">
      <td className="px-5 py-2.5">
        <details>
          <summary className="cursor-pointer">
            <span className="font-mono text-xs">{d.eventType}</span>
            <span className="block text-xs text-slate-500">{d.eventId ?? d.id}</span>
          </summary>
          <div className="mt-2 w-[min(36rem,80vw)] space-y-2">
            <p className="text-xs font-medium text-slate-600">Request body</p>
            <ScrollRegion label={`Request body of ${d.id}`} className="max-h-64 rounded bg-slate-900">
              <pre className="p-3 text-xs text-slate-100">{JSON.stringify(d.payload, null, 2)}</pre>
            </ScrollRegion>
            <p className="text-xs font-medium text-slate-600">Response{d.lastStatusCode !== null ? ` (HTTP ${d.lastStatusCode})` : ""}</p>
            <ScrollRegion label={`Response of ${d.id}`} className="max-h-40 rounded bg-slate-100">
              <pre className="whitespace-pre-wrap break-all p-3 text-xs text-slate-800" data-testid="delivery-response">
                {d.lastResponse || (d.attempts === 0 ? "Not sent yet." : "(empty body)")}
              </pre>
            </ScrollRegion>
          </div>
        </details>
      </td>
      <td className="px-5 py-2.5">
        <Badge tone={TONE[d.status]}>{d.status}</Badge>
        {d.status === "retrying" && <span className="block whitespace-nowrap text-xs text-slate-500">next {formatDateTimeIn(d.nextAttemptAt, timeZone)}</span>}
      </td>
      <td className="px-5 py-2.5 text-right tabular-nums">
        {d.lastStatusCode ?? (d.attempts > 0 ? "—" : "")}
        {d.lastDurationMs !== null && <span className="block text-xs text-slate-500">{d.lastDurationMs} ms</span>}
      </td>
      <td className="px-5 py-2.5 text-right tabular-nums">{d.attempts}</td>
      <td className="whitespace-nowrap px-5 py-2.5 text-slate-600">{d.lastAttemptAt ? formatDateTimeIn(d.lastAttemptAt, timeZone) : "—"}</td>
      <td className="px-5 py-2.5 text-right">{resend && <ResendDeliveryButton action={resendDeliveryAction} {...resend} />}</td>
    </tr>
  );
}
