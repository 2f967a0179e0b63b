"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { ActionState } from "@/lib/action-state";
import type { RosterEntry } from "@/lib/campaigns/list-roster";
import { ZAddCreatorForm } from "@/lib/campaigns/schemas";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { Alert, Badge, Card, EmptyState } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { ConfirmSubmitButton } from "@/components/ui/dialog";
import { foldText } from "@/components/ui/format";
import { TextField } from "@/components/ui/field";
import { CODE_TONE } from "./format";
import { DataTable } from "@/components/ui/table";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;
type Progress = { pending: number; active: number; failed: number; deactivated: number; total: number; done: number };
type RosterResult = { added: number; alreadyOnRoster: number; failed: number; errors: { row: number; message: string }[]; total: number; code?: string };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** The CSV upload's outcome in one sentence: added, already there (unchanged), refused. */
function uploadSummary(r: RosterResult): string {
  const parts = [`${plural(r.added, "creator", "creators")} added`];
  if (r.alreadyOnRoster) parts.push(`${plural(r.alreadyOnRoster, "was", "were")} already on the roster (nothing changed)`);
  if (r.failed) parts.push(`${plural(r.failed, "row", "rows")} with errors`);
  return `${parts.join(", ")}.`;
}
/** `total`: the roster's length when `roster` is only its first rows (the server render's). */
type RosterData = { roster: (Omit<RosterEntry, "joinedAt" | "removedAt"> & { joinedAt: string; removedAt: string | null })[]; progress: Progress; total?: number };

const ROSTER_PAGE = 50;

export function RosterPanel(props: {
  workspace: string;
  campaignId: string;
  ended: boolean;
  canEdit: boolean;
  initial: RosterData;
  addCreatorAction: Action<RosterResult>;
  uploadRosterAction: Action<RosterResult>;
  removeCreatorAction: Action<{ removed: string }>;
  retryFailedAction: Action<{ retried: number }>;
}) {
  const queryClient = useQueryClient();
  const queryKey = ["roster", props.workspace, props.campaignId];
  // The page arrives with the first rows only (a 500-creator roster was ~230 KB of it): the rest is fetched at once.
  const complete = props.initial.roster.length === (props.initial.total ?? props.initial.roster.length);
  const query = useQuery({
    queryKey,
    queryFn: async () => {
      const res = await fetch(`/api/brand/${props.workspace}/campaigns/${props.campaignId}/roster`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return (await res.json()) as RosterData;
    },
    initialData: complete ? props.initial : undefined,
    placeholderData: complete ? undefined : props.initial,
    // Poll fast while codes are being pushed or deactivated, slowly otherwise.
    refetchInterval: (q) => ((q.state.data as RosterData | undefined)?.progress.pending ? 1_000 : 3_000),
  });
  const data = query.data ?? props.initial;
  const rosterSize = data.total ?? data.roster.length;
  // After a change, everything on the page that counts creators is fetched again: the roster and the dashboard.
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey });
    void queryClient.invalidateQueries({ queryKey: ["campaign-dashboard", props.workspace, props.campaignId] });
  };
  // Long rosters render 50 rows at a time (each row carries forms and buttons): a filter finds anyone.
  const [filter, setFilter] = useState("");
  const [limit, setLimit] = useState(ROSTER_PAGE);
  const needle = foldText(filter.trim());
  const matching = needle ? data.roster.filter((r) => [r.fullName, r.email, r.handle, r.code].some((v) => foldText(v).includes(needle))) : data.roster;
  const shown = matching.slice(0, limit);
  const p = data.progress;
  const pct = p.total === 0 ? 0 : Math.round((p.done / p.total) * 100);
  const hidden = { campaignId: props.campaignId };

  return (
    <div className="space-y-6">
      {props.canEdit && !props.ended && (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Add a creator" description="They get a unique code in your store and a referral link.">
            <ActionForm<RosterResult> action={wrap(props.addCreatorAction, refresh)} workspace={props.workspace} label="Add a creator" schema={ZAddCreatorForm} success={(r) =>
                r.alreadyOnRoster ? (
                  <Alert tone="info">Already on this campaign&apos;s roster{r.code ? ` with the code ${r.code}` : ""}: nothing changed.</Alert>
                ) : (
                  <Alert tone="success">Creator added; their code{r.code ? ` ${r.code}` : ""} is being created in Shopify.</Alert>
                )
              }>
              {(state) => (
                <>
                  <input type="hidden" name="campaignId" value={hidden.campaignId} />
                  <div className="grid gap-3 sm:grid-cols-2">
                    <TextField label="Email" name="email" type="email" required errors={fieldErrors(state, "email")} />
                    <TextField label="Full name" name="full_name" required errors={fieldErrors(state, "full_name")} />
                    <TextField label="Handle" name="handle" placeholder="@handle" errors={fieldErrors(state, "handle")} />
                    <TextField label="Code (optional)" name="code" placeholder="From the template" errors={fieldErrors(state, "code")} hint="A–Z, 0–9 and -, up to 50." />
                  </div>
                  <SubmitButton className="" pendingText="Adding…">Add creator</SubmitButton>
                </>
              )}
            </ActionForm>
          </Card>
          <Card title="Upload a CSV" description="Columns: email, full name, handle. Up to 500 rows; rows with errors are listed, the others added.">
            <ActionForm<RosterResult>
              action={wrap(props.uploadRosterAction, refresh)}
              workspace={props.workspace}
              label="Upload a CSV"
              success={(r) => (
                <Alert tone={r.failed ? "info" : "success"}>
                  <p data-testid="upload-summary">{uploadSummary(r)}</p>
                  {r.errors.length > 0 && (
                    <ul className="mt-2 max-h-40 list-disc overflow-y-auto pl-5 text-sm" data-testid="upload-errors">
                      {r.errors.map((e) => (
                        <li key={`${e.row}-${e.message}`}>Row {e.row}: {e.message}</li>
                      ))}
                    </ul>
                  )}
                </Alert>
              )}
            >
              {(state) => (
                <>
                  <input type="hidden" name="campaignId" value={hidden.campaignId} />
                  <div className="space-y-1">
                    <label htmlFor="roster-file" className="block text-sm font-medium text-slate-700">CSV file</label>
                    <input id="roster-file" name="file" type="file" accept=".csv,text/csv" required className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-brand-50 file:px-3 file:py-2 file:text-brand-700" />
                    {fieldErrors(state, "file") && <p className="text-sm text-red-600">{fieldErrors(state, "file")!.join(" ")}</p>}
                  </div>
                  <SubmitButton className="" pendingText="Uploading…">Upload creators</SubmitButton>
                </>
              )}
            </ActionForm>
          </Card>
        </div>
      )}

      <Card
        title={`Roster · ${rosterSize} creator${rosterSize === 1 ? "" : "s"}`}
        actions={
          props.canEdit && p.failed > 0 ? (
            <ActionForm<{ retried: number }> action={wrap(props.retryFailedAction, refresh)} workspace={props.workspace} className="inline" label="Retry failed codes">
              {() => (
                <>
                  <input type="hidden" name="campaignId" value={hidden.campaignId} />
                  <SubmitButton className="px-2.5 py-1 text-xs" pendingText="Retrying…">{`Retry ${p.failed} failed`}</SubmitButton>
                </>
              )}
            </ActionForm>
          ) : undefined
        }
      >
        {p.total > 0 && (
          <div className="mb-4" data-testid="push-progress">
            <div className="mb-1 flex justify-between text-xs text-slate-600">
              <span>
                Codes in Shopify: {p.active} active{p.pending ? `, ${p.pending} being created` : ""}
                {p.failed ? `, ${p.failed} failed` : ""}
                {p.deactivated ? `, ${p.deactivated} deactivated` : ""}
                {p.failed ? (props.canEdit ? `. Each failed row says why; once that is fixed, press Retry ${p.failed} failed.` : ". Each failed row says why; an admin can retry them.") : ""}
              </span>
              <span className="tabular-nums">{pct}%</span>
            </div>
            <div role="progressbar" aria-label="Codes pushed to Shopify" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-2 overflow-hidden rounded-full bg-slate-100">
              <div className={`h-full ${p.failed ? "bg-amber-500" : "bg-brand-600"} transition-all`} style={{ width: `${pct}%` }} />
            </div>
          </div>
        )}
        {data.roster.length === 0 ? (
          <EmptyState title="No creators in this campaign yet">Add creators one by one or upload a CSV.</EmptyState>
        ) : (
          <>
          {rosterSize > ROSTER_PAGE && (
            <div className="mb-3 max-w-xs">
              <label htmlFor="roster-filter" className="block text-xs font-medium text-slate-600">Find a creator on the roster</label>
              <input id="roster-filter" type="search" value={filter} onChange={(e) => { setFilter(e.target.value); setLimit(ROSTER_PAGE); }} placeholder="Name, email, handle or code" className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500" />
            </div>
          )}
          <DataTable label="Roster" columns={[{ label: "Creator" }, { label: "Code" }, { label: "Status" }, { label: "Referral link" }, { label: "Actions", srOnly: true }]} testId="roster">
            {shown.map((r) => (
              <tr key={r.enrollmentId}>
                <td className="px-5 py-2.5">
                  <a href={`/brand/${props.workspace}/conversions?campaign=${props.campaignId}&creator=${r.creatorId}`} className="font-medium hover:text-brand-700 hover:underline">{r.fullName}</a>
                  <p className="text-xs text-slate-500">{r.email}{r.handle ? ` · @${r.handle}` : ""}</p>
                </td>
                <td className="px-5 py-2.5 font-mono text-xs">{r.code ?? "—"}</td>
                <td className="px-5 py-2.5">
                  {r.codeStatus && <Badge tone={CODE_TONE[r.codeStatus]}>{r.codeStatus}</Badge>}
                  {r.failureReason && r.codeStatus === "failed" && <p className="mt-1 max-w-xs text-xs text-red-700">{r.failureReason}</p>}
                </td>
                <td className="px-5 py-2.5">
                  <div className="flex items-center gap-2">
                    <code className="max-w-[14rem] truncate text-xs text-slate-600">{r.referralUrl}</code>
                    <CopyButton value={r.referralUrl} label="Copy link" />
                  </div>
                </td>
                <td className="px-5 py-2.5 text-right">
                  {props.canEdit && r.codeStatus !== "deactivated" && (
                    <ActionForm<{ removed: string }> action={wrap(props.removeCreatorAction, refresh)} workspace={props.workspace} className="inline" label={`Remove ${r.fullName}`}>
                      {() => (
                        <>
                          <input type="hidden" name="campaignId" value={hidden.campaignId} />
                          <input type="hidden" name="creatorId" value={r.creatorId} />
                          <ConfirmSubmitButton
                            className="rounded-md border border-red-200 px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
                            title={`Remove ${r.fullName}?`}
                            body={r.code ? `Their code ${r.code} stops working in Shopify.` : "They leave this campaign's roster."}
                            confirmLabel="Remove creator"
                          >
                            Remove
                          </ConfirmSubmitButton>
                        </>
                      )}
                    </ActionForm>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          {matching.length > shown.length && (
            <div className="mt-3 flex items-center gap-3 text-sm text-slate-600">
              <span>Showing {shown.length} of {matching.length}</span>
              <button type="button" onClick={() => setLimit((l) => l + ROSTER_PAGE * 4)} className="rounded-md border border-slate-300 px-2.5 py-1 text-xs font-medium hover:bg-slate-50">
                Show more
              </button>
            </div>
          )}
          </>
        )}
      </Card>
    </div>
  );
}

/** Refreshes the roster query after an action completes. */
function wrap<T>(action: Action<T>, after: () => void): Action<T> {
  return async (prev, formData) => {
    const result = await action(prev, formData);
    after();
    return result;
  };
}
