"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { CopyableValue } from "@/components/ui/copy-button";
import { TextField } from "@/components/ui/field";
import { ConfirmSubmitButton } from "@/components/ui/dialog";
import { ActionForm, fieldErrors } from "./action-form";
import { ZApiKeyForm } from "@/lib/api-keys/schemas";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export function CreateApiKeyForm({ action, workspace }: { action: Action<{ key: string; name: string }>; workspace: string }) {
  return (
    <ActionForm
      action={action}
      workspace={workspace}
      label="Create an API key"
      schema={ZApiKeyForm}
      success={(d) => (
        <Alert tone="success">
          <p>
            Key <strong>{d.name}</strong> created. Copy it now: it will not be shown again.
          </p>
          <CopyableValue value={d.key} label="Copy key" testId="new-api-key" />
        </Alert>
      )}
    >
      {(state) => (
        <div className="flex flex-wrap items-end gap-3">
          <div className="min-w-56 flex-1">
            <TextField label="Key name" name="name" placeholder="e.g. Data warehouse sync" required errors={fieldErrors(state, "name")} />
          </div>
          <SubmitButton className="" pendingText="Creating…">
            Create key
          </SubmitButton>
        </div>
      )}
    </ActionForm>
  );
}

export function RevokeApiKeyButton({ action, workspace, keyId, name }: { action: Action<{ revoked: string }>; workspace: string; keyId: string; name: string }) {
  return (
    <ActionForm action={action} workspace={workspace} className="inline" label={`Revoke ${name}`}>
      {() => (
        <>
          <input type="hidden" name="keyId" value={keyId} />
          <ConfirmSubmitButton
            className="rounded-md border border-red-200 px-2.5 py-1 text-xs font-medium text-red-700 hover:bg-red-50"
            title={`Revoke "${name}"?`}
            body="Apps using this key get 401 at once. This cannot be undone: create a new key for them."
            confirmLabel="Revoke key"
          >
            Revoke
          </ConfirmSubmitButton>
        </>
      )}
    </ActionForm>
  );
}
