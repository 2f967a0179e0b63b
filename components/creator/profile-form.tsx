"use client";

import { ActionForm, fieldErrors } from "@/components/portal/action-form";
import { Alert } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { useFormPending } from "@/components/ui/use-action-form";
import { Button } from "@/components/ui/button";
import type { ActionState } from "@/lib/action-state";

type Saved = { id: string; fullName: string; handle: string | null };
type Action = (prev: ActionState<Saved>, formData: FormData) => Promise<ActionState<Saved>>;

function SaveButton() {
  const pending = useFormPending();
  return (
    <Button type="submit" disabled={pending}>
      {pending ? "Saving…" : "Save profile"}
    </Button>
  );
}

/** The creator's own name and handle. */
export function ProfileForm({
  action,
  fullName,
  handle,
  payoutEmail = null,
  socialLinks = {},
}: {
  action: Action;
  fullName: string;
  handle: string | null;
  payoutEmail?: string | null;
  socialLinks?: Partial<Record<"instagram" | "tiktok" | "youtube", string>>;
}) {
  return (
    <ActionForm action={action} label="Your profile" resetOnSuccess={false} success={() => <Alert tone="success">Saved.</Alert>}>
      {(state) => (
        <>
          <TextField label="Full name" name="fullName" defaultValue={fullName} autoComplete="name" required maxLength={120} errors={fieldErrors(state, "fullName")} />
          <TextField
            label="Handle"
            name="handle"
            defaultValue={handle ? `@${handle}` : ""}
            placeholder="@yourhandle"
            autoComplete="off"
            hint="Your social handle, shown to the brands you work with. Letters, digits, dots and underscores."
            errors={fieldErrors(state, "handle")}
          />
          <TextField
            label="Payout email"
            name="payoutEmail"
            type="email"
            defaultValue={payoutEmail ?? ""}
            autoComplete="email"
            hint="Where brands send your commission, if not your login email."
            errors={fieldErrors(state, "payoutEmail")}
          />
          <fieldset className="space-y-3">
            <legend className="text-sm font-medium text-slate-700">Social links</legend>
            <TextField label="Instagram" name="instagram" type="url" placeholder="https://instagram.com/yourhandle" defaultValue={socialLinks.instagram ?? ""} errors={fieldErrors(state, "instagram")} />
            <TextField label="TikTok" name="tiktok" type="url" placeholder="https://tiktok.com/@yourhandle" defaultValue={socialLinks.tiktok ?? ""} errors={fieldErrors(state, "tiktok")} />
            <TextField label="YouTube" name="youtube" type="url" placeholder="https://youtube.com/@yourchannel" defaultValue={socialLinks.youtube ?? ""} errors={fieldErrors(state, "youtube")} />
          </fieldset>
          <SaveButton />
        </>
      )}
    </ActionForm>
  );
}

type AcceptAction = (prev: ActionState<{ workspaceId: string }>, formData: FormData) => Promise<ActionState<{ workspaceId: string }>>;

/** Accept a brand's open invitation from the portal. */
export function AcceptInvitationButton({ action, workspaceId, brand }: { action: AcceptAction; workspaceId: string; brand: string }) {
  return (
    <ActionForm action={action} className="inline" label={`Accept ${brand}'s invitation`} success={() => <span className="text-emerald-700">Joined</span>}>
      {() => (
        <>
          <input type="hidden" name="workspaceId" value={workspaceId} />
          <Button type="submit" className="px-2.5 py-1 text-xs">
            Accept
          </Button>
        </>
      )}
    </ActionForm>
  );
}
