"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { CopyableValue } from "@/components/ui/copy-button";
import { SelectField, TextField } from "@/components/ui/field";
import { ActionForm, fieldErrors } from "./action-form";
import { ZInviteCreator, ZInviteMember } from "@/lib/invitations/schemas";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

function InviteSent({ email, link }: { email: string; link: string }) {
  return (
    <Alert tone="success">
      <p>
        Invitation sent to <strong>{email}</strong>. You can also share this link:
      </p>
      <CopyableValue value={link} label="Copy link" testId="invite-link" />
    </Alert>
  );
}

export function InviteCreatorForm({ action, workspace }: { action: Action<{ link: string; email: string }>; workspace: string }) {
  return (
    <ActionForm action={action} workspace={workspace} label="Invite a creator" schema={ZInviteCreator} success={(d) => <InviteSent {...d} />}>
      {(state) => (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label="Email" name="email" type="email" required errors={fieldErrors(state, "email")} />
            <TextField label="Full name" name="fullName" required errors={fieldErrors(state, "fullName")} />
            <TextField label="Handle" name="handle" placeholder="@handle" errors={fieldErrors(state, "handle")} />
          </div>
          <SubmitButton className="" pendingText="Inviting…">
            Invite creator
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

export function InviteMemberForm({ action, workspace }: { action: Action<{ link: string; email: string }>; workspace: string }) {
  return (
    <ActionForm action={action} workspace={workspace} label="Invite a teammate" schema={ZInviteMember} success={(d) => <InviteSent {...d} />}>
      {(state) => (
        <>
          <div className="grid gap-4 sm:grid-cols-3">
            <div className="sm:col-span-2">
              <TextField label="Email" name="email" type="email" required errors={fieldErrors(state, "email")} />
            </div>
            <SelectField label="Role" name="role" defaultValue="member">
              <option value="member">Member</option>
              <option value="admin">Admin</option>
            </SelectField>
          </div>
          <SubmitButton className="" pendingText="Inviting…">
            Invite teammate
          </SubmitButton>
        </>
      )}
    </ActionForm>
  );
}
