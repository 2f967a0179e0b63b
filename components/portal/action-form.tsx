"use client";

import { useActionState, type ReactNode } from "react";
import type { ActionState } from "@/lib/api/actions";
import { Alert } from "@/components/ui/card";

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
}: {
  action: Action<T>;
  workspace?: string;
  children: (state: ActionState<T>) => ReactNode;
  success?: (data: T) => ReactNode;
  className?: string;
  resetOnSuccess?: boolean;
  label?: string;
}) {
  const [state, formAction] = useActionState(action, null);
  return (
    <form action={formAction} className={className} noValidate aria-label={label} key={resetOnSuccess && state?.ok ? JSON.stringify(state.data) : undefined}>
      {workspace && <input type="hidden" name="workspace" value={workspace} />}
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      {state?.ok && success ? success(state.data) : null}
      {children(state)}
    </form>
  );
}

export function fieldErrors<T>(state: ActionState<T>, name: string): string[] | undefined {
  return state && !state.ok ? state.error.fields?.[name] : undefined;
}
