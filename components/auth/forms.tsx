"use client";

import Link from "next/link";
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

export function SignInForm({ action, callbackUrl }: { action: Action<never>; callbackUrl: string }) {
  const { state, onSubmit, pending } = useActionForm(action, { schema: ZSignIn });
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
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
      </FormPendingContext.Provider>
    </form>
  );
}

export function SignUpForm({ action }: { action: Action<never> }) {
  const { state, onSubmit, pending } = useActionForm(action, { schema: ZSignUp });
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      <TextField label="Your name" name="name" autoComplete="name" required errors={fields?.name} autoFocus />
      <TextField label="Work email" name="email" type="email" autoComplete="email" required errors={fields?.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        errors={fields?.password}
        hint="At least 10 characters."
      />
      <TextField label="Brand name" name="workspaceName" required errors={fields?.workspaceName} hint="Your workspace; you can invite teammates later." />
      <SubmitButton pendingText="Creating your workspace…">Create account</SubmitButton>
      <p className="text-center text-sm text-slate-500">
        Already on Tally?{" "}
        <Link href="/sign-in" className="text-brand-700 underline hover:no-underline">
          Sign in
        </Link>
      </p>
      </FormPendingContext.Provider>
    </form>
  );
}

export function ForgotPasswordForm({ action }: { action: Action<{ sent: boolean }> }) {
  const { state, onSubmit, pending } = useActionForm(action, { schema: ZForgotPassword });
  if (state?.ok) {
    return (
      <Alert tone="success">
        If an account exists for that email, a reset link is on its way. It works for one hour.
      </Alert>
    );
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus errors={state && !state.ok ? state.error.fields?.email : undefined} />
      <SubmitButton pendingText="Sending…">Send reset link</SubmitButton>
      </FormPendingContext.Provider>
    </form>
  );
}

export function ResetPasswordForm({ action, token }: { action: Action<{ reset: boolean }>; token: string }) {
  const { state, onSubmit, pending } = useActionForm(action, { schema: ZResetPassword });
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
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
      <input type="hidden" name="token" value={token} />
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        autoFocus
        errors={state && !state.ok ? state.error.fields?.password : undefined}
        hint="At least 10 characters."
      />
      <SubmitButton pendingText="Saving…">Set new password</SubmitButton>
      </FormPendingContext.Provider>
    </form>
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
  const { state, onSubmit, pending } = useActionForm(action, { schema: needsAccount ? ZAcceptWithPassword : undefined });
  const fields = state && !state.ok ? state.error.fields : undefined;
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
      <input type="hidden" name="token" value={token} />
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      {needsAccount && (
        <>
          <TextField label="Your name" name="name" autoComplete="name" required autoFocus errors={fields?.name} />
          <TextField
            label="Choose a password"
            name="password"
            type="password"
            autoComplete="new-password"
            required
            errors={fields?.password}
            hint="At least 10 characters."
          />
        </>
      )}
      <SubmitButton pendingText="Accepting…">Accept invitation</SubmitButton>
      </FormPendingContext.Provider>
    </form>
  );
}

export function CreateWorkspaceForm({ action }: { action: Action<never> }) {
  const { state, onSubmit, pending } = useActionForm(action, { schema: ZCreateWorkspaceForm });
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-busy={pending}>
      <FormPendingContext.Provider value={pending}>
      {state && !state.ok && <Alert>{state.error.message}</Alert>}
      <TextField label="Brand name" name="workspaceName" required autoFocus errors={state && !state.ok ? state.error.fields?.workspaceName : undefined} />
      <SubmitButton pendingText="Creating…">Create workspace</SubmitButton>
      </FormPendingContext.Provider>
    </form>
  );
}
