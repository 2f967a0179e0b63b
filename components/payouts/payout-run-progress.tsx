"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useQuery } from "@tanstack/react-query";
import type { PayoutRunView } from "@/lib/payouts/payout-runs";
import { Alert } from "@/components/ui/card";

/**
 * A payout run in the background, polled until it ends: "312 of 500 creators" with a progress bar,
 * then a link to the payout it made (and the page's figures refreshed), or why it made none.
 */
export function PayoutRunProgress(props: { workspace: string; runId: string; initial?: PayoutRunView }) {
  return (
    <div data-testid="payout-run" data-run-id={props.runId}>
      <RunState {...props} />
    </div>
  );
}

function RunState(props: { workspace: string; runId: string; initial?: PayoutRunView }) {
  const router = useRouter();
  const { data, isError } = useQuery({
    queryKey: ["payout-run", props.workspace, props.runId],
    queryFn: async () => {
      const res = await fetch(`/api/brand/${props.workspace}/payouts/runs/${props.runId}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as { data: PayoutRunView };
    },
    select: (r) => r.data,
    ...(props.initial ? { initialData: { data: props.initial } } : {}),
    refetchInterval: (q) => (q.state.data?.data.status === "running" || q.state.data === undefined ? 750 : false),
    retry: 3,
  });
  const refreshed = useRef(false);
  useEffect(() => {
    // the payout is committed with the run: the history, liability and balances on the page changed
    if (data && data.status !== "running" && !refreshed.current) {
      refreshed.current = true;
      router.refresh();
    }
  }, [data, router]);

  if (!data) {
    return isError ? <Alert>Could not read the payout run&apos;s progress. Reload the page to see where it is.</Alert> : <p className="text-sm text-slate-600">Starting the payout run…</p>;
  }
  if (data.status === "failed") return <Alert>{data.error ?? "The payout run stopped: nothing was paid."}</Alert>;
  if (data.status === "done") {
    return (
      <Alert tone="success">
        <span data-testid="payout-run-done">
          {data.payoutLabel} created with {data.creatorsDone} creator{data.creatorsDone === 1 ? "" : "s"}.{" "}
          {data.payoutId && (
            <Link className="font-medium underline" href={`/brand/${props.workspace}/payouts/${data.payoutId}`}>
              Open {data.payoutLabel}
            </Link>
          )}
        </span>
      </Alert>
    );
  }
  const pct = data.creatorsTotal > 0 ? Math.floor((data.creatorsDone / data.creatorsTotal) * 100) : 0;
  return (
    <div className="space-y-1" data-testid="payout-run-progress" role="status" aria-live="polite">
      <div className="flex justify-between text-sm text-slate-700">
        <span>
          {data.creatorsTotal > 0
            ? `Paying ${data.currency}: ${data.creatorsDone.toLocaleString("en-US")} of ${data.creatorsTotal.toLocaleString("en-US")} creators`
            : `Reading payable balances in ${data.currency}…`}
        </span>
        <span className="tabular-nums">{pct}%</span>
      </div>
      <div role="progressbar" aria-label="Payout run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
