"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { ActionState } from "@/lib/action-state";
import { ConversionStatusBadge, type ConversionStatus } from "@/components/conversions/status";
import { Alert } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/table";
import { FormPendingContext, useActionForm } from "@/components/ui/use-action-form";

/** A conversion as the queue shows it: formatted on the server (the shop's zone, the currency). */
export type QueueRow = {
  id: string;
  orderId: string;
  orderName: string;
  placedAt: string;
  creatorId: string;
  creatorName: string;
  campaignName: string;
  via: string;
  amount: string;
  refunded: string | null;
  commission: string;
  awaitingPayment: boolean;
  status: ConversionStatus;
};

/** A review run as the action and `GET /api/brand/{workspace}/reviews/{run_id}` answer it. */
export type ReviewRunView = {
  id: string;
  decision: "approved" | "denied";
  status: "running" | "completed" | "failed";
  total: number;
  done: number;
  changed: number;
  unchanged: number;
  skipped: number;
  skippedItems: { orderName: string; orderId: string; message: string | null }[];
};

type Action = (prev: ActionState<ReviewRunView>, formData: FormData) => Promise<ActionState<ReviewRunView>>;

/**
 * The review queue's list with selection: tick conversions (or every one on the page, then "all N
 * matching" the filters) and approve or deny them with a reason. A small selection is decided at
 * once; a big one runs in the background and its progress is polled until it ends. Either way the
 * list is then read again from the server.
 */
export function ReviewQueue({
  workspace,
  rows,
  matching,
  filterQuery,
  canReview,
  action,
  activeRun,
  empty,
}: {
  workspace: string;
  rows: QueueRow[];
  matching: number;
  /** The filters as a query string (no cursor): what "all matching" means on the server. */
  filterQuery: string;
  canReview: boolean;
  action: Action;
  activeRun: ReviewRunView | null;
  /** Shown instead of the list when no conversion matches (a finished review's summary stays above it). */
  empty: ReactNode;
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState(false);
  const [runId, setRunId] = useState<string | null>(activeRun?.status === "running" ? activeRun.id : null);
  // After a decision: clear the selection; a running run is followed, a finished one re-reads the list.
  const decide: Action = async (prev, formData) => {
    const next = await action(prev, formData);
    if (next?.ok) {
      setSelected(new Set());
      setAllMatching(false);
      if (next.data.status === "running") setRunId(next.data.id);
      else router.refresh();
    }
    return next;
  };
  const { state, onSubmit, pending } = useActionForm(decide, { resetOnSuccess: true });

  const pageIds = rows.map((r) => r.id);
  const pageAllSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const count = allMatching ? matching : selected.size;

  const toggle = (id: string) => {
    setAllMatching(false);
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  };
  const togglePage = () => {
    setAllMatching(false);
    setSelected(pageAllSelected ? new Set() : new Set(pageIds));
  };

  const checkbox = (r: QueueRow) =>
    canReview && (
      <input
        type="checkbox"
        className="h-4 w-4 rounded border-slate-400"
        checked={allMatching || selected.has(r.id)}
        onChange={() => toggle(r.id)}
        aria-label={`Select ${r.orderName}`}
      />
    );

  return (
    <div className="space-y-3">
      {runId && <RunProgress workspace={workspace} runId={runId} onDone={() => router.refresh()} />}
      {state?.ok && state.data.status !== "running" && <RunSummary run={state.data} workspace={workspace} />}
      {rows.length === 0 && empty}
      {canReview && rows.length > 0 && (
        <form onSubmit={onSubmit} noValidate aria-label="Review the selected conversions" aria-busy={pending} className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid="review-bar">
          <FormPendingContext.Provider value={pending}>
            <input type="hidden" name="workspace" value={workspace} />
            {allMatching ? <input type="hidden" name="matching" value={filterQuery || "?"} /> : <input type="hidden" name="ids" value={[...selected].join(",")} />}
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <label className="flex items-center gap-2 font-medium text-slate-800">
                <input type="checkbox" className="h-4 w-4 rounded border-slate-400" checked={allMatching || pageAllSelected} onChange={togglePage} aria-label="Select every conversion on this page" />
                <span aria-live="polite" data-testid="selection-count">
                  {count === 0 ? "Select conversions to approve or deny them" : `${count.toLocaleString("en-US")} selected${allMatching ? " (all matching the filters)" : ""}`}
                </span>
              </label>
              {pageAllSelected && !allMatching && matching > rows.length && (
                <button type="button" className="text-brand-700 underline" onClick={() => setAllMatching(true)}>
                  Select all {matching.toLocaleString("en-US")} matching
                </button>
              )}
              {count > 0 && (
                <button type="button" className="text-slate-700 underline" onClick={() => { setSelected(new Set()); setAllMatching(false); }}>
                  Clear selection
                </button>
              )}
            </div>
            {count > 0 && (
              <div className="mt-3 flex flex-wrap items-end gap-3">
                <div className="min-w-56 flex-1">
                  <label htmlFor="review-reason" className="block text-xs font-medium text-slate-700">Reason (needed to deny; the creator sees it)</label>
                  <input id="review-reason" name="reason" maxLength={300} placeholder="e.g. orders placed by the creator's household" className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm" aria-describedby={state && !state.ok && state.error.fields?.reason ? "review-reason-error" : undefined} aria-invalid={state && !state.ok && state.error.fields?.reason ? true : undefined} />
                  {state && !state.ok && state.error.fields?.reason?.map((m) => (
                    <p key={m} id="review-reason-error" className="mt-0.5 text-xs text-red-700">{m}</p>
                  ))}
                </div>
                <button type="submit" name="decision" value="approved" className={buttonClass("primary", "mb-0.5")} disabled={pending}>
                  Approve {count.toLocaleString("en-US")}
                </button>
                <button type="submit" name="decision" value="denied" className={buttonClass("danger", "mb-0.5")} disabled={pending}>
                  Deny {count.toLocaleString("en-US")}
                </button>
              </div>
            )}
            {state && !state.ok && !state.error.fields?.reason && <div className="mt-2"><Alert>{state.error.message}</Alert></div>}
          </FormPendingContext.Provider>
        </form>
      )}

      {rows.length > 0 && (
      <>
      <ul className="space-y-2 sm:hidden" aria-label="Conversions" data-testid="conversion-cards">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm">
            <div className="flex items-start justify-between gap-2">
              <span className="flex items-center gap-2">
                {checkbox(r)}
                <Link href={`/brand/${workspace}/orders/${r.orderId}`} className="font-medium text-brand-700 hover:underline">{r.orderName}</Link>
              </span>
              <ConversionStatusBadge status={r.status} />
            </div>
            <p className="text-xs text-slate-600">{r.placedAt}</p>
            <p className="mt-1 break-words">{r.creatorName} · <span className="text-slate-600">{r.campaignName}</span></p>
            <p className="mt-1 flex justify-between gap-2 tabular-nums">
              <span className="font-mono text-xs">{r.via}</span>
              <span>
                {r.amount} → <span className={`font-medium ${r.awaitingPayment ? "text-violet-700" : ""}`}>{r.commission}</span>
              </span>
            </p>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <DataTable
          label="Conversions"
          columns={[...(canReview ? [{ label: "Select", srOnly: true }] : []), { label: "Order" }, { label: "Creator" }, { label: "Via" }, { label: "Amount", align: "right" }, { label: "Refunded", align: "right" }, { label: "Net commission", align: "right" }, { label: "Status" }]}
          variant="panel"
          testId="conversions"
        >
          {rows.map((r) => (
            <tr key={r.id} className={selected.has(r.id) || allMatching ? "bg-brand-50" : undefined}>
              {canReview && <td className="w-8 pl-4 pr-0">{checkbox(r)}</td>}
              <td className="whitespace-nowrap px-4 py-2.5">
                <Link href={`/brand/${workspace}/orders/${r.orderId}`} className="font-medium text-brand-700 hover:underline">{r.orderName}</Link>
                <p className="text-xs text-slate-500">{r.placedAt}</p>
              </td>
              <td className="px-4 py-2.5">
                <Link href={`/brand/${workspace}/conversions?creator=${r.creatorId}`} className="hover:underline">{r.creatorName}</Link>
                <p className="text-xs text-slate-500">{r.campaignName}</p>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs">{r.via}</td>
              <td className="px-4 py-2.5 text-right tabular-nums">{r.amount}</td>
              <td className="px-4 py-2.5 text-right tabular-nums text-slate-600">{r.refunded ?? "—"}</td>
              <td className="px-4 py-2.5 text-right font-medium tabular-nums">
                {r.awaitingPayment ? (
                  <span className="text-violet-700" title="Earned once the order is paid">{r.commission} <span className="text-xs font-normal">awaiting payment</span></span>
                ) : (
                  r.commission
                )}
              </td>
              <td className="px-4 py-2.5"><ConversionStatusBadge status={r.status} /></td>
            </tr>
          ))}
        </DataTable>
      </div>
      </>
      )}
    </div>
  );
}

const VERB = { approved: "Approved", denied: "Denied" } as const;

function RunSummary({ run, workspace }: { run: ReviewRunView; workspace: string }) {
  if (run.status === "failed") return <Alert>The review stopped before the end: {run.done} of {run.total} were decided. Nothing was decided twice; start it again to finish.</Alert>;
  const parts = [`${VERB[run.decision]} ${run.changed.toLocaleString("en-US")} of ${run.total.toLocaleString("en-US")}`];
  if (run.unchanged) parts.push(`${run.unchanged.toLocaleString("en-US")} already ${run.decision}`);
  if (run.skipped) parts.push(`${run.skipped.toLocaleString("en-US")} left as they were`);
  return (
    <Alert tone="success">
      <span data-testid="review-summary" data-run-id={run.id}>{parts.join("; ")}.</span>
      {run.skippedItems.length > 0 && (
        <ul className="mt-1 list-disc pl-5">
          {run.skippedItems.map((s) => (
            <li key={s.orderId}>
              <Link href={`/brand/${workspace}/orders/${s.orderId}`} className="underline">{s.orderName}</Link>: {s.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/** A background review's progress, polled every second until it ends. */
function RunProgress({ workspace, runId, onDone }: { workspace: string; runId: string; onDone: () => void }) {
  const { data, error } = useQuery({
    queryKey: ["review-run", workspace, runId],
    queryFn: async () => {
      const res = await fetch(`/api/brand/${workspace}/reviews/${runId}`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as ReviewRunView;
    },
    refetchInterval: (q) => ((q.state.data as ReviewRunView | undefined)?.status === "running" || !q.state.data ? 1_000 : false),
  });
  const finished = Boolean(data && data.status !== "running");
  const told = useRef(false);
  useEffect(() => {
    if (finished && !told.current) {
      told.current = true;
      onDone();
    }
  }, [finished, onDone]);
  if (error) return <Alert>Could not read the review&apos;s progress. It goes on in the background; reload the page to see it.</Alert>;
  if (!data) return <p className="text-sm text-slate-600" role="status">Starting the review…</p>;
  if (finished) return <RunSummary run={data} workspace={workspace} />;
  const pct = data.total ? Math.floor((data.done / data.total) * 100) : 0;
  return (
    <div className="rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-900" data-testid="review-progress">
      <p>
        {data.decision === "denied" ? "Denying" : "Approving"} {data.total.toLocaleString("en-US")} conversions: {data.done.toLocaleString("en-US")} done
      </p>
      <div className="mt-2 h-2 rounded bg-violet-100" role="progressbar" aria-label="Review progress" aria-valuemin={0} aria-valuemax={data.total} aria-valuenow={data.done}>
        <div className="h-2 rounded bg-violet-600" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
