"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { publicAction } from "@/lib/api/actions";
import { signIn, signOut } from "@/lib/auth/auth";
import { changePassword } from "@/lib/auth/change-password";
import { endAllUserSessions, endUserSession } from "@/lib/auth/user-sessions";
import { getDb } from "@/db/client";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { ZPassword } from "@/lib/auth/passwords";
import { ZForgotPassword, ZResetPassword, ZSignIn } from "@/lib/auth/schemas";
import { parseFormData } from "@/lib/forms/parse-form-data";
import { getSessionUser } from "@/lib/auth/session";
import { signUpBrand, ZSignUp } from "@/lib/auth/sign-up";
import { acceptInvitation, ZAcceptWithPassword } from "@/lib/invitations/accept-invitation";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import { ZCreateWorkspaceForm } from "@/lib/workspaces/schemas";

async function signInOrError(email: string, password: string, redirectTo: string): Promise<ActionState<never>> {
  try {
    await signIn("credentials", { email, password, redirectTo });
    return null;
  } catch (error) {
    if (error instanceof AuthError) {
      const code = (error as AuthError & { code?: string }).code;
      return {
        ok: false,
        error: {
          code: code === "rate_limited" ? "rate_limited" : "unauthorized",
          message:
            code === "rate_limited"
              ? "Too many sign-in attempts. Wait 15 minutes and try again, or reset your password."
              : "Email or password is incorrect.",
        },
      };
    }
    throw error; // NEXT_REDIRECT on success
  }
}

export async function signInAction(_prev: ActionState<never>, formData: FormData): Promise<ActionState<never>> {
  const parsed = parseFormData(ZSignIn, formData);
  if (!parsed.ok) return { ok: false, error: { code: "validation_failed", message: parsed.message, fields: parsed.fields } };
  return signInOrError(parsed.data.email, parsed.data.password, safeRedirectPath(formData.get("callbackUrl")));
}

export async function signUpAction(prev: ActionState<never>, formData: FormData): Promise<ActionState<never>> {
  const result = await publicAction(ZSignUp, async (input, { db }) => {
    await signUpBrand(db, input);
    return input;
  })(null, formData);
  if (!result?.ok) return result as ActionState<never>;
  return signInOrError(result.data.email, result.data.password, "/");
}

/** Ends this device's session on the server (the cookie alone would otherwise keep working), then clears the cookie. */
export async function signOutAction() {
  const user = await getSessionUser();
  if (user?.sessionId) await endUserSession(await getDb(), user.sessionId);
  await signOut({ redirectTo: "/sign-in" });
}

/** "Sign out of all devices": every session of the user ends, this one too. */
export async function signOutEverywhereAction() {
  const user = await getSessionUser();
  if (user) await endAllUserSessions(await getDb(), user.id);
  await signOut({ redirectTo: "/sign-in?signed_out=everywhere" });
}

const ZChangePassword = z
  .object({ currentPassword: z.string().min(1, "Enter your current password."), newPassword: ZPassword, confirmPassword: z.string() })
  .refine((f) => f.newPassword === f.confirmPassword, { message: "The two new passwords differ.", path: ["confirmPassword"] });

/**
 * Changes the password. Every session of the user ends, this device's too; this device is then
 * signed in again with the new password (a fresh session), so only the person who changed it stays in.
 */
export async function changePasswordAction(_prev: ActionState<never>, formData: FormData): Promise<ActionState<never>> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/account");
  const result = await publicAction(ZChangePassword, async (input, { db }) =>
    changePassword(db, { userId: user.id, currentPassword: input.currentPassword, newPassword: input.newPassword }),
  )(null, formData);
  if (!result?.ok) return result as ActionState<never>;
  return signInOrError(result.data.email, String(formData.get("newPassword")), "/account?password=changed");
}

export const requestPasswordResetAction = publicAction(
  ZForgotPassword,
  async (input, { db }) => {
    await requestPasswordReset(db, input);
    return { sent: true };
  },
);

export const resetPasswordAction = publicAction(
  ZResetPassword,
  async (input, { db }) => {
    await resetPassword(db, input);
    return { reset: true };
  },
);

export async function acceptInvitationAction(_prev: ActionState<never>, formData: FormData): Promise<ActionState<never>> {
  const token = String(formData.get("token") ?? "");
  const user = await getSessionUser();
  const result = await publicAction(user ? z.object({}) : ZAcceptWithPassword, async (input, { db }) =>
    acceptInvitation(db, {
      token,
      signedInUserId: user?.id ?? null,
      newAccount: user ? undefined : (input as z.infer<typeof ZAcceptWithPassword>),
    }),
  )(null, formData);
  if (!result?.ok) return result as ActionState<never>;
  const destination = result.data.portal === "brand" ? `/brand/${result.data.slug}` : "/creator";
  if (user) redirect(destination);
  return signInOrError(result.data.email, String(formData.get("password") ?? ""), destination);
}

export const createWorkspaceAction = async (_prev: ActionState<never>, formData: FormData): Promise<ActionState<never>> => {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  const result = await publicAction(ZCreateWorkspaceForm, async (input, { db }) =>
    createWorkspace(db, { name: input.workspaceName, ownerUserId: user.id }),
  )(null, formData);
  if (!result?.ok) return result as ActionState<never>;
  redirect(`/brand/${result.data.slug}`);
};
