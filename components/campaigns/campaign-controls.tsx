"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { Alert } from "@/components/ui/card";
import { ConfirmSubmitButton } from "@/components/ui/dialog";
import { TextField } from "@/components/ui/field";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/** Move the end (codes in Shopify follow) or end now (every code deactivated at once). */
export function CampaignControls(props: {
  workspace: string;
  campaignId: string;
  timezone: string;
  endsAtInput: string;
  moveEndAction: Action<{ endsAt: string | null }>;
  endNowAction: Action<{ ended: boolean }>;
}) {
  return (
    <div className="flex flex-wrap items-end gap-6">
      <ActionForm action={props.moveEndAction} workspace={props.workspace} className="flex flex-wrap items-end gap-3" label="Move the end" resetOnSuccess={false} success={() => <Alert tone="success">End moved; codes in Shopify are being updated.</Alert>}>
        {(state) => (
          <>
            <input type="hidden" name="campaignId" value={props.campaignId} />
            <input type="hidden" name="timezone" value={props.timezone} />
            <TextField label={`New end (${props.timezone})`} name="ends_at" type="datetime-local" defaultValue={props.endsAtInput} required errors={fieldErrors(state, "ends_at")} />
            <div className="mb-0.5">
              <SubmitButton className="" pendingText="Moving…">Move end</SubmitButton>
            </div>
          </>
        )}
      </ActionForm>
      <ActionForm action={props.endNowAction} workspace={props.workspace} className="inline" label="End the campaign now">
        {() => (
          <>
            <input type="hidden" name="campaignId" value={props.campaignId} />
            <ConfirmSubmitButton
              className="mb-0.5 rounded-md border border-red-200 bg-white px-3.5 py-2 text-sm font-medium text-red-700 hover:bg-red-50"
              title="End this campaign now?"
              body="Every creator code stops working in Shopify at once."
              confirmLabel="End campaign"
            >
              End now
            </ConfirmSubmitButton>
          </>
        )}
      </ActionForm>
    </div>
  );
}
