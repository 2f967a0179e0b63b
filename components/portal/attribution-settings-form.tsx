"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { ActionForm, fieldErrors } from "./action-form";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export function AttributionSettingsForm(props: {
  action: Action<{ saved: boolean }>;
  workspace: string;
  values: { tieBreak: string; selfReferral: string; clickWindowDays: number; newCreatorFlagDays: number | null };
}) {
  return (
    <ActionForm action={props.action} workspace={props.workspace} resetOnSuccess={false} label="Attribution settings" success={() => <Alert tone="success">Saved. New orders follow these rules; past ones keep theirs.</Alert>}>
      {(state) => (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <SelectField label="When an order has several creator codes" name="tie_break" defaultValue={props.values.tieBreak}>
              <option value="first_listed">Credit the first code listed at checkout</option>
              <option value="oldest_assigned">Credit the code given to its creator first</option>
            </SelectField>
            <SelectField label="When a creator orders with their own code" name="self_referral" defaultValue={props.values.selfReferral}>
              <option value="deny">Deny the commission (self-referral)</option>
              <option value="flag">Flag it for review</option>
            </SelectField>
            <TextField label="Referral link window (days)" name="click_window_days" type="number" min={1} max={90} defaultValue={props.values.clickWindowDays} errors={fieldErrors(state, "click_window_days")} hint="An order counts for a link click this many days after it." />
            <TextField label="Review a new creator's first order (days)" name="new_creator_flag_days" type="number" min={1} max={365} defaultValue={props.values.newCreatorFlagDays ?? ""} errors={fieldErrors(state, "new_creator_flag_days")} hint="Flag the first order of creators who joined less than this many days ago. Empty: off." />
          </div>
          <SubmitButton className="" pendingText="Saving…">Save attribution settings</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
