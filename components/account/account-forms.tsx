"use client";

import { FormPendingContext, useActionForm } from "@/components/ui/use-action-form";
import { NewPasswordField, SubmitButton } from "@/components/auth/forms";
import { Alert } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { ActionState } from "@/lib/action-state";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/** Current password, new password twice. On success the server signs this device in again. */
export function ChangePasswordForm({ action }: { action: Action<never> }) {
  const { state, onSubmit, pending } = useActionForm(action);
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <form onSubmit={onSubmit} className="max-w-sm space-y-4" noValidate aria-busy={pending} aria-label="Change password">
      <FormPendingContext.Provider value={pending}>
        {state && !state.ok && !fields && <Alert>{state.error.message}</Alert>}
        <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={fields?.currentPassword} />
        <NewPasswordField label="New password" name="newPassword" errors={fields?.newPassword} />
        <TextField label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required errors={fields?.confirmPassword} />
        <SubmitButton pendingText="Changing…" className="w-full sm:w-auto">
          Change password
        </SubmitButton>
      </FormPendingContext.Provider>
    </form>
  );
}
