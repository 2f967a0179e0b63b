import { z } from "zod";
import { ZPassword } from "@/lib/auth/schemas";
import { ZCreatorEmail, ZCreatorFullName, ZCreatorHandle } from "@/lib/creators/creator-row";

/** The invitation forms' rules, in a leaf the browser can load too (checked before sending, and again on the server). */

/** The invite-a-creator form: the same field rules as a roster row (lib/creators/creator-row.ts). */
export const ZInviteCreator = z.object({ email: ZCreatorEmail, fullName: ZCreatorFullName, handle: ZCreatorHandle });

export const ZInviteMember = z.object({
  email: z.string().trim().min(1, "Enter your teammate's email address.").email("Enter a valid email address."),
  role: z.enum(["admin", "member"], { errorMap: () => ({ message: "Choose Member or Admin." }) }).default("member"),
});

/** Accepting an invitation without an account yet: a name and a password. */
export const ZAcceptWithPassword = z.object({ name: z.string().trim().min(1, "Tell us your name.").max(120, "Use at most 120 characters."), password: ZPassword });
