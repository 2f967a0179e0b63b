import { z } from "zod";

/**
 * One creator as a brand adds it to a campaign (API v1, the add-creator form, a roster CSV row):
 * the one set of rules for these fields. Each refusal carries `params.rule`, so a surface that
 * words its own messages (the roster CSV, which names the row and the value) can do so without a
 * second copy of the rules. Lengths count characters as people do (code points: an emoji is one).
 */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_FULL_NAME_LENGTH = 120;
export const MAX_HANDLE_LENGTH = 60;

export type CreatorRowRule = "missing" | "invalid" | "too_long" | "space" | "link" | "characters";

const HANDLE_PATTERN = /^[A-Za-z0-9._-]+$/;
/** An Instagram or TikTok profile link pasted instead of a handle; group 1 is the handle in it. */
export const PROFILE_URL = /^(?:https?:\/\/)?(?:www\.|m\.)?(?:instagram\.com|tiktok\.com)\/@?([A-Za-z0-9._-]+)/i;
const HANDLE_MESSAGE = "Handles use letters, digits, dots, dashes and underscores.";
const EMAIL_SHAPE = z.string().email();

const refuse = (ctx: z.RefinementCtx, rule: CreatorRowRule, message: string, extra: Record<string, string> = {}) =>
  ctx.addIssue({ code: z.ZodIssueCode.custom, message, params: { rule, ...extra } });

const characters = (value: string) => [...value].length;

export const ZCreatorEmail = z
  .string()
  .trim()
  .superRefine((email, ctx) => {
    if (email === "") return refuse(ctx, "missing", "Enter a valid email address.");
    // The length first: zod's email pattern backtracks badly on very long input.
    if (email.length > MAX_EMAIL_LENGTH || !EMAIL_SHAPE.safeParse(email).success) refuse(ctx, "invalid", "Enter a valid email address.");
  });

export const ZCreatorFullName = z
  .string()
  .trim()
  .superRefine((name, ctx) => {
    if (name === "") return refuse(ctx, "missing", "Enter the creator's full name.");
    if (characters(name) > MAX_FULL_NAME_LENGTH) refuse(ctx, "too_long", `Use at most ${MAX_FULL_NAME_LENGTH} characters for the full name.`);
  });

/** Without the leading `@`; empty → null. */
export const ZCreatorHandle = z
  .string()
  .trim()
  .transform((h) => h.replace(/^@/, ""))
  .superRefine((handle, ctx) => {
    if (handle === "") return;
    if (/\s/.test(handle)) return refuse(ctx, "space", HANDLE_MESSAGE);
    const profile = PROFILE_URL.exec(handle);
    if (profile) return refuse(ctx, "link", "Enter just the handle, not a link to the profile.", { handle: profile[1]! });
    if (!HANDLE_PATTERN.test(handle)) return refuse(ctx, "characters", HANDLE_MESSAGE);
    if (characters(handle) > MAX_HANDLE_LENGTH) refuse(ctx, "too_long", `Use at most ${MAX_HANDLE_LENGTH} characters for the handle.`);
  })
  .nullish()
  .transform((h) => h || null);

export const ZCreatorRow = z.object({
  email: ZCreatorEmail,
  full_name: ZCreatorFullName,
  handle: ZCreatorHandle,
  /** Optional: a code chosen by the brand instead of the template. */
  code: z.string().trim().nullish(),
});
export type TCreatorRow = z.infer<typeof ZCreatorRow>;
