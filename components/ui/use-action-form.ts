"use client";

import { createContext, startTransition, useActionState, useContext, useEffect, useRef, type FormEvent } from "react";
import type { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { parseFormData } from "@/lib/forms/parse-form-data";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

/**
 * Submits a form to a server action without React's automatic form reset, so that a rejected submit
 * keeps everything the user typed. The form is cleared only after a success, when asked to.
 * With a `schema` (the same one the server action parses with), every field is checked in the
 * browser first and all messages show at once without a round trip; the server checks again.
 * After a rejected submit, focus moves to the first field with a message.
 */
export function useActionForm<T>(action: Action<T>, options: { resetOnSuccess?: boolean; schema?: z.ZodTypeAny } = {}) {
  const formRef = useRef<HTMLFormElement | null>(null);
  const [state, dispatch, pending] = useActionState(async (prev: ActionState<T>, input: { formData: FormData; form: HTMLFormElement }) => {
    if (options.schema) {
      const checked = parseFormData(options.schema, input.formData);
      if (!checked.ok) return { ok: false as const, error: { code: "validation_failed", message: checked.message, fields: checked.fields } };
    }
    const next = await action(prev, input.formData);
    if (next?.ok && options.resetOnSuccess) input.form.reset();
    return next;
  }, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    formRef.current = form;
    const formData = new FormData(form, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch({ formData, form }));
  };
  useEffect(() => {
    if (!state || state.ok || !state.error.fields) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);
  return { state, onSubmit, pending };
}

/** Lets submit buttons inside such a form show that it is pending. */
export const FormPendingContext = createContext(false);
export const useFormPending = () => useContext(FormPendingContext);
