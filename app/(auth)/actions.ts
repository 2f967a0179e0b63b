"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction, type ActionState } from "@/lib/api/actions";
import { signIn, signOut } from "@/lib/auth/auth";
import { requestPasswordReset, resetPassword } from "@/lib/auth/password-reset";
import { ZPassword } from "@/lib/auth/passwords";
import { getSessionUser } from "@/lib/auth/session";
import { signUpBrand, ZSignUp } from "@/lib/auth/sign-up";
import { acceptInvitation, ZAcceptWithPassword } from "@/lib/invitations/invitations";
import { createWorkspace, ZWorkspaceName } from "@/lib/workspaces/create-workspace";

const safeRedirect = (value: unknown) =>
  typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";

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
  const email = String(formData.get("email") ?? "");
  const password = String(formData.get("password") ?? "");
  if (!email || !password) return { ok: false, error: { code: "validation_failed", message: "Enter your email and password." } };
  return signInOrError(email, password, safeRedirect(formData.get("callbackUrl")));
}

export async function signUpAction(prev: ActionState<never>, formData: FormData): Promise<ActionState<never>> {
  const result = await publicAction(ZSignUp, async (input, { db }) => {
    await signUpBrand(db, input);
    return input;
  })(null, formData);
  if (!result?.ok) return result as ActionState<never>;
  return signInOrError(result.data.email, result.data.password, "/");
}

export async function signOutAction() {
  await signOut({ redirectTo: "/sign-in" });
}

export const requestPasswordResetAction = publicAction(
  z.object({ email: z.string().trim().email("Enter a valid email address.") }),
  async (input, { db }) => {
    await requestPasswordReset(db, input);
    return { sent: true };
  },
);

export const resetPasswordAction = publicAction(
  z.object({ token: z.string().min(10), password: ZPassword }),
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
  const result = await publicAction(z.object({ workspaceName: ZWorkspaceName }), async (input, { db }) =>
    createWorkspace(db, { name: input.workspaceName, ownerUserId: user.id }),
  )(null, formData);
  if (!result?.ok) return result as ActionState<never>;
  redirect(`/brand/${result.data.slug}`);
};
