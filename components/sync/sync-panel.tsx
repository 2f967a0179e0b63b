"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { ActionState } from "@/lib/action-state";
import type { SyncRunView } from "@/lib/sync/list-sync-runs";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { Alert, Badge, Card, EmptyState } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { formatDateTime, formatMoney } from "@/components/ui/format";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
type Started = { runId: string; kind: SyncRunView["kind"]; alreadyRunning: boolean; startedAt: string; resumed: boolean };

const WHAT_IT_DOES: Record<SyncRunView["kind"], string> = {
  backfill: "it reads the store's orders and adds those Tally never received",
  reconcile: "it checks your campaigns' orders against Shopify and corrects the ledger where they differ",
  replay: "the deliveries received in that window are processed again; nothing is counted twice",
};
const A_RUN: Record<SyncRunView["kind"], string> = { backfill: "A backfill", reconcile: "A reconciliation", replay: "A replay" };

/**
 * What pressing a start button did, in one sentence that never contradicts itself: it started
 * (and what it does), or the same kind of run was already going and nothing new was started.
 */
export function startedSentence(s: Started): string {
  if (s.resumed) return `${KIND[s.kind]} resumed from where it stopped. Its progress is below.`;
  if (s.alreadyRunning) return `${A_RUN[s.kind]} started ${formatDateTime(s.startedAt)} is still running, so no new one was started. Its progress is below.`;
  return `${KIND[s.kind]} started: ${WHAT_IT_DOES[s.kind]}. Its progress is below.`;
}

/** What `GET /api/brand/{workspace}/sync` answers (and the server page passes as `initial`). */
export type SyncRunsData = { runs: SyncRunView[]; active: boolean };

const KIND = { backfill: "Backfill", reconcile: "Reconciliation", replay: "Replay" } as const;
const STATUS_TONE = { running: "violet", completed: "green", failed: "red" } as const;

/**
 * Shopify sync for the brand's settings: the latest backfills, reconciliations and replays with a
 * live progress bar and their counts (polled every second while one runs), and forms to start each.
 * Server actions are passed in (see lib/sync/schemas.ts for their form inputs).
 */
export function SyncPanel(props: {
  workspace: string;
  /** Admins start runs; members only watch. */
  canEdit: boolean;
  /** Backfill and reconciliation read the connected store. */
  shopConnected: boolean;
  /** The shop's currency, for the reconciliation's corrected amounts. */
  currency: string;
  /** Zone the replay window is typed in (the brand's), sent as `timezone`. */
  timezone?: string;
  /** For a backfill of one campaign's period. */
  campaigns?: { id: string; name: string }[];
  initial: SyncRunsData;
  startBackfillAction: Action<Started>;
  startReconciliationAction: Action<Started>;
  startReplayAction: Action<Started>;
  /** Continues a failed run from where it stopped (optional). */
  resumeRunAction?: Action<Started>;
}) {
  const queryClient = useQueryClient();
  const queryKey = ["sync-runs", props.workspace];
  const { data } = useQuery({
    queryKey,
    queryFn: async () => {
      const res = await fetch(`/api/brand/${props.workspace}/sync`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as SyncRunsData;
    },
    initialData: props.initial,
    refetchInterval: (q) => ((q.state.data as SyncRunsData | undefined)?.active ? 1_000 : 15_000),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey });
  const started = (s: Started) => <Alert tone={s.alreadyRunning ? "info" : "success"}>{startedSentence(s)}</Alert>;

  return (
    <div className="space-y-6" data-testid="sync-panel">
      {props.canEdit && (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card title="Backfill" description="Reads the store's orders of the last 90 days (or one campaign's) and attributes those Tally never received.">
            <ActionForm<Started> action={wrap(props.startBackfillAction, refresh)} workspace={props.workspace} label="Start a backfill" success={started}>
              {(state) => (
                <>
                  {props.campaigns && props.campaigns.length > 0 && (
                    <SelectField label="Orders of" name="campaignId" defaultValue="" errors={fieldErrors(state, "campaignId")}>
                      <option value="">The whole store (90 days)</option>
                      {props.campaigns.map((c) => (
                        <option key={c.id} value={c.id}>
                          {c.name}
                        </option>
                      ))}
                    </SelectField>
                  )}
                  <SubmitButton className="" pendingText="Starting…">
                    Start backfill
                  </SubmitButton>
                  {!props.shopConnected && <p className="text-xs text-slate-500">Connect a Shopify store first.</p>}
                </>
              )}
            </ActionForm>
          </Card>
          <Card title="Reconciliation" description="Checks every order of your recent campaigns against Shopify and corrects the ledger where it differs. Runs daily.">
            <ActionForm<Started> action={wrap(props.startReconciliationAction, refresh)} workspace={props.workspace} label="Start a reconciliation" success={started}>
              {() => (
                <SubmitButton className="" pendingText="Starting…">
                  Reconcile now
                </SubmitButton>
              )}
            </ActionForm>
          </Card>
          <Card title="Replay deliveries" description="Processes again the webhooks received in a window. Nothing is counted twice.">
            <ActionForm<Started> action={wrap(props.startReplayAction, refresh)} workspace={props.workspace} label="Replay deliveries" success={started} resetOnSuccess={false}>
              {(state) => (
                <>
                  <input type="hidden" name="timezone" value={props.timezone ?? "UTC"} />
                  <div className="grid gap-3 sm:grid-cols-2">
                    <TextField label="From" name="from" type="datetime-local" required errors={fieldErrors(state, "from")} />
                    <TextField label="To" name="to" type="datetime-local" required errors={fieldErrors(state, "to")} />
                  </div>
                  <p className="text-xs text-slate-500">Times in {props.timezone ?? "UTC"}.</p>
                  <SubmitButton className="" pendingText="Starting…">
                    Replay window
                  </SubmitButton>
                </>
              )}
            </ActionForm>
          </Card>
        </div>
      )}

      <Card title="Sync runs" description="Backfills, reconciliations and replays, newest first.">
        {data.runs.length === 0 ? (
          <EmptyState title="Nothing has run yet">A backfill starts by itself when a store is connected.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="sync-runs">
            {data.runs.map((run) => (
              <RunRow key={run.id} run={run} currency={props.currency} workspace={props.workspace} canEdit={props.canEdit} resumeAction={props.resumeRunAction ? wrap(props.resumeRunAction, refresh) : undefined} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}

function RunRow({ run, currency, workspace, canEdit, resumeAction }: { run: SyncRunView; currency: string; workspace: string; canEdit: boolean; resumeAction?: Action<Started> | undefined }) {
  const { done, total } = run.progress;
  const pct = run.status === "completed" ? 100 : total === 0 ? 0 : Math.min(100, Math.round((done / total) * 100));
  const unit = run.kind === "replay" ? "deliveries" : "orders";
  return (
    <li className="space-y-2 py-3" data-testid={`sync-run-${run.kind}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex items-center gap-2">
          <span className="font-medium">{KIND[run.kind]}</span>
          {run.campaignName && <span className="text-sm text-slate-500">· {run.campaignName}</span>}
          <Badge tone={STATUS_TONE[run.status]}>{run.status}</Badge>
        </div>
        <span className="text-xs text-slate-500">
          {run.kind === "replay" ? "Received" : run.kind === "reconcile" ? "Campaign orders" : "Orders placed"} {formatDateTime(run.from)} – {formatDateTime(run.to)} · started {formatDateTime(run.startedAt)}
          {run.finishedAt ? `, finished ${formatDateTime(run.finishedAt)}` : ""}
        </span>
      </div>
      {run.status !== "failed" && (
        <div>
          <div className="mb-1 flex justify-between text-xs text-slate-600">
            <span>
              {done.toLocaleString("en-US")} of {total.toLocaleString("en-US")} {unit}
            </span>
            <span className="tabular-nums">{pct}%</span>
          </div>
          <div role="progressbar" aria-label={`${KIND[run.kind]} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-100">
            <div className={`h-full ${run.status === "completed" ? "bg-emerald-500" : "bg-brand-600"} transition-all`} style={{ width: `${pct}%` }} />
          </div>
        </div>
      )}
      <p className="text-sm text-slate-700" data-testid="sync-run-counts">
        {describeCounts(run, currency)}
      </p>
      {run.error && (
        <p className={`text-sm ${run.status === "failed" ? "text-red-700" : "text-amber-700"}`} role={run.status === "failed" ? "alert" : undefined}>
          {run.error}
        </p>
      )}
      {canEdit && resumeAction && run.status === "failed" && (
        <ActionForm<Started> action={resumeAction} workspace={workspace} className="inline" label={`Resume ${KIND[run.kind].toLowerCase()}`}>
          {() => (
            <>
              <input type="hidden" name="runId" value={run.id} />
              <SubmitButton className="px-2.5 py-1 text-xs" pendingText="Resuming…">
                Resume from where it stopped
              </SubmitButton>
            </>
          )}
        </ActionForm>
      )}
    </li>
  );
}

const n = (v: number | undefined) => (v ?? 0).toLocaleString("en-US");
const plural = (v: number | undefined, one: string, many: string) => `${n(v)} ${(v ?? 0) === 1 ? one : many}`;

/**
 * A run's counts in words. Only what happened is listed (no "0 refunds reversed"), and a verdict
 * ("all match Shopify") only once the run has completed: a run in progress says "so far", a failed
 * one "before it stopped".
 */
export function describeCounts(run: Pick<SyncRunView, "kind" | "status" | "counts">, currency: string): string {
  const c = run.counts;
  if (run.kind === "replay") {
    const parts = [plural(c.deliveriesReplayed, "delivery processed again", "deliveries processed again")];
    if (c.deliveriesIgnored) parts.push(`${n(c.deliveriesIgnored)} ignored`);
    if (c.deliveriesSkipped) parts.push(`${n(c.deliveriesSkipped)} skipped (being processed)`);
    if (c.deliveriesFailed) parts.push(`${n(c.deliveriesFailed)} failed (see Deliveries)`);
    return `${run.status === "running" ? "So far " : run.status === "failed" ? "Before it stopped: " : ""}${parts.join(", ")}.`;
  }
  const done = run.status === "completed";
  const prefix = run.status === "running" ? "So far " : run.status === "failed" ? "Before it stopped: " : "";
  const found: string[] = [];
  if (c.conversionsAdded) found.push(`${plural(c.conversionsAdded, run.kind === "reconcile" ? "missed conversion" : "conversion", run.kind === "reconcile" ? "missed conversions" : "conversions")} added`);
  if (c.refundsApplied) found.push(`${plural(c.refundsApplied, "refund", "refunds")} reversed`);
  if (c.ordersSkipped) found.push(`${plural(c.ordersSkipped, "order", "orders")} skipped (deleted in Shopify meanwhile)`);
  if (run.kind === "backfill") {
    const read = plural(c.ordersScanned, "order", "orders");
    if (!c.ordersScanned && run.status === "running") return "Starting: reading the store's orders.";
    if (found.length) return `${prefix}${read} read: ${found.join(", ")}.`;
    return done ? `${read} read: Tally already had every creator order among them.` : `${prefix}${read} read.`;
  }
  if (!c.ordersChecked && run.status === "running") return "Starting: reading the store's orders.";
  const checked = plural(c.ordersChecked, "order", "orders") + " checked";
  const compared = c.conversionsChecked ? `, ${plural(c.conversionsChecked, "conversion", "conversions")} compared` : "";
  const corrected = c.differencesFound
    ? `${n(c.differencesFound)} corrected (net ${formatMoney(c.amountCorrectedCents ?? 0, currency)}, commission ${formatMoney(c.commissionCorrectedCents ?? 0, currency)})`
    : null;
  if (!done) {
    const so = [corrected, ...found].filter(Boolean);
    return `${prefix}${checked}${compared}${so.length ? `: ${so.join(", ")}` : ""}.`;
  }
  if (!c.conversionsChecked && !found.length) return `${checked}: none was credited to a creator, so there was nothing to compare.`;
  const verdict = corrected ?? "all match Shopify";
  const rest = found.length ? `; ${found.join(", ")}` : corrected ? "" : ", nothing to correct";
  return `${checked}${compared}: ${verdict}${rest}.`;
}

/** Refreshes the runs after an action completes. */
function wrap<T>(action: Action<T>, after: () => void): Action<T> {
  return async (prev, formData) => {
    const result = await action(prev, formData);
    after();
    return result;
  };
}
