"use client";

import { createContext, startTransition, useActionState, useContext, type FormEvent } from "react";
import type { ActionState } from "@/lib/action-state";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * Submits a form to a server action without React's automatic form reset, so that a rejected submit
 * keeps everything the user typed. The form is cleared only after a success, when asked to.
 */
export function useActionForm<T>(action: Action<T>, options: { resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(async (prev: ActionState<T>, input: { formData: FormData; form: HTMLFormElement }) => {
    const next = await action(prev, input.formData);
    if (next?.ok && options.resetOnSuccess) input.form.reset();
    return next;
  }, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch({ formData, form }));
  };
  return { state, onSubmit, pending };
}

/** Lets submit buttons inside such a form show that it is pending. */
export const FormPendingContext = createContext(false);
export const useFormPending = () => useContext(FormPendingContext);
