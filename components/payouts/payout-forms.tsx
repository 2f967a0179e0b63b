"use client";

import type { ReactNode } from "react";
import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { Alert } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import type { PayoutRunView } from "@/lib/payouts/payout-runs";
import { PayoutRunProgress } from "./payout-run-progress";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * "New payout": starts a run in the background and shows its progress ("312 of 500 creators") until
 * the payout is made. `running`: a run already in progress when the page loaded (another admin's, or
 * this one before a reload).
 */
export function NewPayoutForm(props: { action: Action<{ runId: string }>; workspace: string; currencies: string[]; running?: PayoutRunView | null }) {
  return (
    <div className="space-y-4">
      {props.running && <PayoutRunProgress workspace={props.workspace} runId={props.running.id} initial={props.running} />}
      <ActionForm action={props.action} workspace={props.workspace} label="New payout" success={(d) => <PayoutRunProgress workspace={props.workspace} runId={d.runId} />}>
        {(state) => (
          <>
            <div className="grid gap-4 sm:grid-cols-3">
              <SelectField label="Currency" name="currency" defaultValue={props.currencies[0]} errors={fieldErrors(state, "currency")}>
                {props.currencies.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </SelectField>
              <TextField label="Cutoff (UTC)" name="cutoff" type="datetime-local" errors={fieldErrors(state, "cutoff")} hint="Pay what was payable at this time. Empty: now." />
              <TextField label="Minimum per creator" name="minimum" inputMode="decimal" placeholder="0.00" errors={fieldErrors(state, "minimum_amount") ?? fieldErrors(state, "minimum")} hint="Smaller balances wait for a later payout." />
            </div>
            <SubmitButton className="" pendingText="Starting the payout run…">
              Create payout
            </SubmitButton>
          </>
        )}
      </ActionForm>
    </div>
  );
}

export function PayoutStatusForm(props: { action: Action<{ status: string }>; workspace: string; payoutId: string; status: string }) {
  if (props.status === "paid" || props.status === "cancelled") return null;
  const step = { action: props.action, workspace: props.workspace, payoutId: props.payoutId };
  return (
    <div className="flex flex-wrap items-end gap-3">
      {props.status === "draft" && <PayoutStepForm {...step} op="processing" label="Mark as sent" />}
      <PayoutStepForm {...step} op="paid" label="Mark paid" className="flex flex-wrap items-end gap-2">
        <TextField label="Payment reference" name="reference" placeholder="PayPal batch id, transfer ref…" maxLength={200} />
      </PayoutStepForm>
      {props.status === "draft" && (
        <PayoutStepForm {...step} op="cancel" label="Cancel payout" button="Cancel draft" pendingText="Cancelling…" buttonClassName="!bg-white !text-red-700 border border-red-200" />
      )}
    </div>
  );
}

/** One button moving a payout to its next status (`op`), with any field that step asks for. */
function PayoutStepForm({
  action,
  workspace,
  payoutId,
  op,
  label,
  button = label,
  pendingText = "Saving…",
  className = "",
  buttonClassName = "",
  children,
}: {
  action: Action<{ status: string }>;
  workspace: string;
  payoutId: string;
  op: "processing" | "paid" | "cancel";
  label: string;
  button?: string;
  pendingText?: string;
  className?: string;
  buttonClassName?: string;
  children?: ReactNode;
}) {
  return (
    <ActionForm action={action} workspace={workspace} label={label} className={className}>
      {() => (
        <>
          <input type="hidden" name="payoutId" value={payoutId} />
          <input type="hidden" name="op" value={op} />
          {children}
          <SubmitButton className={buttonClassName} pendingText={pendingText}>
            {button}
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function FailItemForm(props: { action: Action<{ status: string }>; workspace: string; payoutId: string; itemId: string }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer text-red-700">Mark failed</summary>
      <ActionForm action={props.action} workspace={props.workspace} label="Mark item failed" className="mt-2 flex flex-wrap items-end gap-2">
        {(state) => (
          <>
            <input type="hidden" name="payoutId" value={props.payoutId} />
            <input type="hidden" name="itemId" value={props.itemId} />
            <TextField label="Reason" name="reason" id={`reason-${props.itemId}`} placeholder="e.g. PayPal account closed" maxLength={500} errors={fieldErrors(state, "reason")} />
            <SubmitButton className="" pendingText="Saving…">
              Release to payable
            </SubmitButton>
          </>
        )}
      </ActionForm>
    </details>
  );
}

export function PayoutHoldForm(props: { action: Action<{ holdDays: number }>; workspace: string; holdDays: number }) {
  return (
    <ActionForm
      action={props.action}
      workspace={props.workspace}
      resetOnSuccess={false}
      label="Payout settings"
      success={(d) => <Alert tone="success">Saved: commission is held {d.holdDays} days. It applies now to everything not yet in a payout.</Alert>}
    >
      {(state) => (
        <>
          <TextField
            label="Hold (return window), days"
            name="hold_days"
            type="number"
            min={0}
            max={365}
            defaultValue={props.holdDays}
            errors={fieldErrors(state, "hold_days") ?? fieldErrors(state, "payout_hold_days")}
            hint="Commission becomes payable this many days after the order was paid (0–365). Refunds are deducted at once, never held."
          />
          <SubmitButton className="" pendingText="Saving…">
            Save payout settings
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
