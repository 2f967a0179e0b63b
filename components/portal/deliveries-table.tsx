"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import Link from "next/link";
import type { ActionState } from "@/lib/action-state";
import { Badge, EmptyState } from "@/components/ui/card";
import { formatDateTimeIn } from "@/components/ui/format";
import { ActionForm } from "./action-form";
import { DataTable } from "@/components/ui/table";

export type DeliveryRow = {
  id: string;
  topic: string;
  webhookId: string;
  status: "received" | "processing" | "processed" | "failed" | "ignored";
  attempts: number;
  lastError: string | null;
  /** The next automatic retry of a failed delivery; null when it is parked (waits for a person). */
  retryAt: string | Date | null;
  failingSince: string | Date | null;
  receivedAt: string | Date;
  processedAt: string | Date | null;
};
type Counts = Partial<Record<DeliveryRow["status"], number>>;
type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

const TONE = { received: "amber", processing: "violet", processed: "green", failed: "red", ignored: "slate" } as const;
const FILTERS = ["all", "failed", "received", "processing", "processed", "ignored"] as const;

/** The deliveries log, refreshed every few seconds without reloading the page. */
export function DeliveriesTable({
  workspace,
  status,
  timeZone,
  initial,
  canRerun,
  rerunAction,
  retryAllAction,
}: {
  workspace: string;
  status: DeliveryRow["status"] | undefined;
  /** The store's zone: times are shown in it, labelled. */
  timeZone: string;
  initial: { deliveries: DeliveryRow[]; counts: Counts };
  canRerun: boolean;
  rerunAction: Action<{ id: string }>;
  retryAllAction: Action<{ retried: number }>;
}) {
  const { data, isError } = useQuery({
    queryKey: ["deliveries", workspace, status ?? "all"],
    queryFn: async () => {
      const res = await fetch(`/api/brand/${workspace}/deliveries${status ? `?status=${status}` : ""}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as { deliveries: DeliveryRow[]; counts: Counts };
    },
    initialData: initial,
    refetchInterval: 3_000,
  });
  const total = Object.values(data.counts).reduce((a, b) => a + (b ?? 0), 0);
  const failed = data.counts.failed ?? 0;
  // Once shown, "Retry all" stays, so its answer ("2 handed back…") is not unmounted by a refresh
  // that lands while the handed-back deliveries are being processed (no failed ones for a moment).
  const [retryShown, setRetryShown] = useState(failed > 0);
  if (failed > 0 && !retryShown) setRetryShown(true);
  return (
    <div className="space-y-4">
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2">
        {FILTERS.map((f) => {
          const active = (f === "all" && !status) || f === status;
          const n = f === "all" ? total : (data.counts[f] ?? 0);
          return (
            <Link
              key={f}
              href={f === "all" ? `/brand/${workspace}/deliveries` : `/brand/${workspace}/deliveries?status=${f}`}
              aria-current={active ? "page" : undefined}
              className="rounded-full border border-slate-200 bg-white px-3 py-1 text-sm capitalize text-slate-600 aria-[current=page]:border-brand-600 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
            >
              {f} <span className="tabular-nums text-slate-500">{n}</span>
            </Link>
          );
        })}
      </nav>
      {canRerun && retryShown && (
        <ActionForm
          action={retryAllAction}
          workspace={workspace}
          className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3"
          label="Retry all failed deliveries"
          success={(d) => (
            <p role="status" className="text-sm text-slate-700">
              {d.retried.toLocaleString("en-US")} handed back for processing; each shows its outcome below once processed.
            </p>
          )}
        >
          {() => (
            <>
              <p className="text-sm text-red-800">
                {failed > 0
                  ? `${failed.toLocaleString("en-US")} failed ${failed === 1 ? "delivery" : "deliveries"}: each shows its reason below.`
                  : "No failed deliveries now."}
              </p>
              {failed > 0 && (
                <button type="submit" className="rounded-md border border-red-300 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-100">
                  Retry all failed
                </button>
              )}
            </>
          )}
        </ActionForm>
      )}
      {isError && <p className="text-sm text-red-600">Could not refresh: showing the last known state. The page tries again by itself.</p>}
      {data.deliveries.length === 0 ? (
        <EmptyState title="No deliveries yet">Shopify&apos;s webhooks appear here the moment they arrive: orders, refunds, cancellations, uninstalls and privacy requests.</EmptyState>
      ) : (
        <DataTable label="Webhook deliveries" columns={[{ label: "Topic" }, { label: "Received" }, { label: "Status" }, { label: "Attempts" }, { label: "Detail" }, { label: "Actions", srOnly: true }]} variant="panel" testId="deliveries">
          {data.deliveries.map((d) => (
            <tr key={d.id}>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs">{d.topic}</td>
              <td className="whitespace-nowrap px-4 py-2 text-slate-600">{formatDateTimeIn(d.receivedAt, timeZone)}</td>
              <td className="px-4 py-2">
                <Badge tone={TONE[d.status]}>{d.status}</Badge>
              </td>
              <td className="px-4 py-2 tabular-nums text-slate-600">{d.attempts}</td>
              <td className="max-w-md px-4 py-2 text-slate-600">
                {d.lastError ? <span className="line-clamp-2 break-words text-red-700" title={d.lastError}>{d.lastError}</span> : <span className="font-mono text-xs text-slate-500">{d.webhookId}</span>}
                {d.status === "failed" && (
                  <span className="mt-0.5 block text-xs text-slate-600">
                    {d.retryAt
                      ? `Retries on its own at ${formatDateTimeIn(d.retryAt, timeZone)}: nothing to do.`
                      : `Parked: it will not retry on its own. ${canRerun ? "Press Retry once the cause above is fixed." : "Ask an admin to retry it once the cause above is fixed."}`}
                    {d.failingSince ? ` Failing since ${formatDateTimeIn(d.failingSince, timeZone)}.` : ""}
                  </span>
                )}
              </td>
              <td className="px-4 py-2 text-right">
                {canRerun && (d.status === "failed" || d.status === "processed") && (
                  <ActionForm action={rerunAction} workspace={workspace} className="inline">
                    {() => (
                      <>
                        <input type="hidden" name="deliveryId" value={d.id} />
                        <button type="submit" aria-label={`${d.status === "failed" ? "Retry" : "Re-run"} ${d.topic} delivery`} className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-50">
                          {d.status === "failed" ? "Retry" : "Re-run"}
                        </button>
                      </>
                    )}
                  </ActionForm>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
