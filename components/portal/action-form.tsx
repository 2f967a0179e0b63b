"use client";

import type { ReactNode } from "react";
import type { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { Alert } from "@/components/ui/card";
import { FormPendingContext, useActionForm } from "@/components/ui/use-action-form";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * A form bound to a brand/creator server action: carries the workspace slug, shows the action's
 * error (and field errors through `children(state)`), and renders `success(data)` once it worked.
 */
export function ActionForm<T>({
  action,
  workspace,
  children,
  success,
  className = "space-y-4",
  resetOnSuccess = true,
  label,
  schema,
}: {
  action: Action<T>;
  workspace?: string;
  children: (state: ActionState<T>) => ReactNode;
  success?: (data: T) => ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  label?: string;
  /** The server action's own schema: checked in the browser first, every field at once. */
  schema?: z.ZodTypeAny;
}) {
  const { state, onSubmit, pending } = useActionForm(action, { resetOnSuccess, schema });
  return (
    <form onSubmit={onSubmit} className={className} noValidate aria-label={label} aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
        {workspace && <input type="hidden" name="workspace" value={workspace} />}
        {state && !state.ok && <Alert>{state.error.message}</Alert>}
        {state?.ok && success ? success(state.data) : null}
        {children(state)}
      </FormPendingContext.Provider>
    </form>
  );
}

export function fieldErrors<T>(state: ActionState<T>, name: string): string[] | undefined {
  return state && !state.ok ? state.error.fields?.[name] : undefined;
}
