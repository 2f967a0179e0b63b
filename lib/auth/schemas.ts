import { z } from "zod";
import { ZWorkspaceName } from "@/lib/workspaces/schemas";

/**
 * The sign-in and sign-up forms' rules, in a leaf the browser can load too (the forms check every
 * field before sending; the server actions check again with the same schemas).
 */
export const ZSignIn = z.object({
  email: z.string().trim().min(1, "Enter your email address.").email("Enter a valid email address."),
  password: z.string().min(1, "Enter your password."),
});

export const ZPassword = z.string().min(10, "Use at least 10 characters.").max(200, "Use at most 200 characters.");

export const ZSignUp = z.object({
  name: z.string().trim().min(1, "Tell us your name.").max(120, "Use at most 120 characters."),
  email: z.string().trim().min(1, "Enter your work email.").email("Enter a valid email address.").max(254, "Use at most 254 characters."),
  password: ZPassword,
  workspaceName: ZWorkspaceName,
});
export type TSignUp = z.infer<typeof ZSignUp>;

export const ZForgotPassword = z.object({ email: z.string().trim().min(1, "Enter your email address.").email("Enter a valid email address.") });

export const ZResetPassword = z.object({ token: z.string().min(10, "This reset link is incomplete: open the link from the email again."), password: ZPassword });
