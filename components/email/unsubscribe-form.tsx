"use client";

import type { ActionState } from "@/lib/action-state";
import { SubmitButton } from "@/components/auth/forms";
import { ActionForm } from "@/components/portal/action-form";
import { Alert } from "@/components/ui/card";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export function UnsubscribeForm({ action, token }: { action: Action<{ what: string }>; token: string }) {
  return (
    <ActionForm action={action} label="Unsubscribe" resetOnSuccess={false} success={(d) => <Alert tone="success">Done: no more emails about {d.what}.</Alert>}>
      {(state) => (
        <>
          <input type="hidden" name="token" value={token} />
          {!state?.ok && (
            <SubmitButton pendingText="Unsubscribing…">Unsubscribe</SubmitButton>
          )}
        </>
      )}
    </ActionForm>
  );
}
