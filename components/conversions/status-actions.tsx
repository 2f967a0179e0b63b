"use client";

import type { ActionState } from "@/lib/action-state";
import { buttonClass } from "@/components/ui/button";
import { ActionForm } from "@/components/portal/action-form";
import { TextField } from "@/components/ui/field";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * Approve a flagged/denied conversion, or deny one; the reason goes into the audit log and the ledger
 * note. Nothing to decide while the order awaits payment, once it was voided or fully refunded, or
 * for a test order.
 */
export function ConversionStatusActions<T>({ action, workspace, conversionId, status, testOrder = false }: { action: Action<T>; workspace: string; conversionId: string; status: string; testOrder?: boolean }) {
  const reviewable = !testOrder && (status === "approved" || status === "flagged" || status === "denied");
  const choices = (!reviewable ? [] : status === "approved" ? ["denied"] : ["approved", "denied"].filter((s) => s !== status)) as ("approved" | "denied")[];
  if (choices.length === 0) return null;
  return (
    <ActionForm action={action} workspace={workspace} className="flex flex-wrap items-end gap-3" label="Change the conversion's status">
      {() => (
        <>
          <input type="hidden" name="conversionId" value={conversionId} />
          <div className="min-w-56 flex-1">
            <TextField label="Reason (optional)" name="reason" placeholder="e.g. creator's own order, confirmed by email" />
          </div>
          {choices.map((to) => (
            <button key={to} type="submit" name="to" value={to} className={buttonClass(to === "denied" ? "danger" : "primary", "mb-0.5")}>
              {to === "approved" ? "Approve" : "Deny"}
            </button>
          ))}
        </>
      )}
    </ActionForm>
  );
}
