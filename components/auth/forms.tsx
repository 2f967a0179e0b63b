"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { useFormStatus } from "react-dom";
import { FormPendingContext, useActionForm, useFormPending } from "@/components/ui/use-action-form";
import type { ActionState } from "@/lib/action-state";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Alert } from "@/components/ui/card";
import { ZForgotPassword, ZResetPassword, ZSignIn, ZSignUp } from "@/lib/auth/schemas";
import { ZAcceptWithPassword } from "@/lib/invitations/schemas";
import { ZCreateWorkspaceForm } from "@/lib/workspaces/schemas";

type Action<T> = (prev: ActionState<T>, formData: FormData) => Promise<ActionState<T>>;

export function SubmitButton({ children, pendingText, className = "w-full" }: { children: string; pendingText?: string; className?: string }) {
  const status = useFormStatus();
  const pending = useFormPending() || status.pending;
  return (
    <Button type="submit" disabled={pending} className={className} aria-busy={pending}>
      {pending ? (pendingText ?? "Working…") : children}
    </Button>
  );
}

/** An auth form: no browser validation (the schema checks every field at once), pending state for the submit button, the action's error on top. */
function AuthForm<T>({ form, children }: { form: ReturnType<typeof useActionForm<T>>; children: ReactNode }) {
  const { state, onSubmit, pending } = form;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
        {state && !state.ok && <Alert>{state.error.message}</Alert>}
        {children}
      </FormPendingContext.Provider>
    </form>
  );
}

/** A password being chosen (sign-up, reset, invitation, change): the browser may suggest a strong one. */
export function NewPasswordField({ label, name = "password", errors, autoFocus }: { label: string; name?: string; errors: string[] | undefined; autoFocus?: boolean }) {
  return <TextField label={label} name={name} type="password" autoComplete="new-password" required autoFocus={autoFocus} errors={errors} hint="At least 10 characters." />;
}

export function SignInForm({ action, callbackUrl }: { action: Action<never>; callbackUrl: string }) {
  const form = useActionForm(action, { schema: ZSignIn });
  const { state } = form;
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <AuthForm form={form}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus errors={fields?.email} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" required errors={fields?.password} />
      <SubmitButton pendingText="Signing in…">Sign in</SubmitButton>
      <div className="flex justify-between text-sm">
        <Link href="/forgot-password" className="text-brand-700 underline hover:no-underline">
          Forgot password?
        </Link>
        <Link href="/sign-up" className="text-brand-700 underline hover:no-underline">
          Create a brand account
        </Link>
      </div>
    </AuthForm>
  );
}

export function SignUpForm({ action }: { action: Action<never> }) {
  const form = useActionForm(action, { schema: ZSignUp });
  const { state } = form;
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <AuthForm form={form}>
      <TextField label="Your name" name="name" autoComplete="name" required errors={fields?.name} autoFocus />
      <TextField label="Work email" name="email" type="email" autoComplete="email" required errors={fields?.email} />
      <NewPasswordField label="Password" errors={fields?.password} />
      <TextField label="Brand name" name="workspaceName" required errors={fields?.workspaceName} hint="Your workspace; you can invite teammates later." />
      <SubmitButton pendingText="Creating your workspace…">Create account</SubmitButton>
      <p className="text-center text-sm text-slate-500">
        Already on Tally?{" "}
        <Link href="/sign-in" className="text-brand-700 underline hover:no-underline">
          Sign in
        </Link>
      </p>
    </AuthForm>
  );
}

export function ForgotPasswordForm({ action }: { action: Action<{ sent: boolean }> }) {
  const form = useActionForm(action, { schema: ZForgotPassword });
  const { state } = form;
  if (state?.ok) {
    return (
      <Alert tone="success">
        If an account exists for that email, a reset link is on its way. It works for one hour.
      </Alert>
    );
  }
  return (
    <AuthForm form={form}>
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus errors={state && !state.ok ? state.error.fields?.email : undefined} />
      <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
    </AuthForm>
  );
}

export function ResetPasswordForm({ action, token }: { action: Action<{ reset: boolean }>; token: string }) {
  const form = useActionForm(action, { schema: ZResetPassword });
  const { state } = form;
  if (state?.ok) {
    return (
      <div className="space-y-4">
        <Alert tone="success">Your password has been changed, and every device that was signed in has been signed out.</Alert>
        <Link href="/sign-in" className="block text-center text-sm text-brand-700 hover:underline">
          Sign in with your new password
        </Link>
      </div>
    );
  }
  return (
    <AuthForm form={form}>
      <input type="hidden" name="token" value={token} />
      <NewPasswordField label="New password" autoFocus errors={state && !state.ok ? state.error.fields?.password : undefined} />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
    </AuthForm>
  );
}

export function AcceptInvitationForm({
  action,
  token,
  needsAccount,
}: {
  action: Action<never>;
  token: string;
  needsAccount: boolean;
}) {
  const form = useActionForm(action, { schema: needsAccount ? ZAcceptWithPassword : undefined });
  const { state } = form;
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <AuthForm form={form}>
      <input type="hidden" name="token" value={token} />
      {needsAccount && (
        <>
          <TextField label="Your name" name="name" autoComplete="name" required autoFocus errors={fields?.name} />
          <NewPasswordField label="Choose a password" errors={fields?.password} />
        </>
      )}
      <SubmitButton pendingText="Accepting…">Accept invitation</SubmitButton>
    </AuthForm>
  );
}

export function CreateWorkspaceForm({ action }: { action: Action<never> }) {
  const form = useActionForm(action, { schema: ZCreateWorkspaceForm });
  const { state } = form;
  return (
    <AuthForm form={form}>
      <TextField label="Brand name" name="workspaceName" required autoFocus errors={state && !state.ok ? state.error.fields?.workspaceName : undefined} />
      <SubmitButton pendingText="Creating…">Create workspace</SubmitButton>
    </AuthForm>
  );
}
