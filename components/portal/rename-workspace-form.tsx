"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import { ActionForm, fieldErrors } from "./action-form";
import { ZRenameWorkspaceForm } from "@/lib/workspaces/schemas";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export function RenameWorkspaceForm({ action, workspace, name }: { action: Action<{ name: string }>; workspace: string; name: string }) {
  return (
    <ActionForm action={action} workspace={workspace} resetOnSuccess={false} label="Workspace name" schema={ZRenameWorkspaceForm} success={() => <Alert tone="success">Saved.</Alert>}>
      {(state) => (
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <TextField label="Workspace name" name="name" defaultValue={name} required errors={fieldErrors(state, "name")} />
          </div>
          <SubmitButton className="" pendingText="Saving…">
            Save
          </SubmitButton>
        </div>
      )}
    </ActionForm>
  );
}
