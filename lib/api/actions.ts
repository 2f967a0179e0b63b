/** Server-action wrappers: validate the form with zod, authenticate, authorize, map errors to an ActionState. */
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import { getDb, type Db } from "@/db/client";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { getCreatorForUserOrThrow } from "@/lib/creators/get-creator-for-user";
import { getBrandAccessOrThrow, type BrandAccess, type MemberRole } from "@/lib/workspaces/get-brand-access";
import { AppError, toAppError } from "@/lib/errors";
import { parseFormData } from "@/lib/forms/parse-form-data";

function fail(error: unknown): ActionState<never> {
  const e = toAppError(error);
  const fields = (e.details?.fields as Record<string, string[]> | undefined) ?? undefined;
  return { ok: false, error: { code: e.code, message: e.message, ...(fields ? { fields } : {}) } };
}

/** Every field at once, in a brand's words (the same parse the form ran in the browser). */
function parseForm<S extends z.ZodTypeAny>(schema: S, formData: FormData): z.infer<S> {
  const parsed = parseFormData(schema, formData);
  if (!parsed.ok) throw new AppError("validation_failed", parsed.message, { fields: parsed.fields });
  return parsed.data;
}

/**
 * A brand-portal server action: validates the form with zod, authenticates, resolves the workspace
 * from the hidden `workspace` slug through the user's membership (404 otherwise), checks the role.
 */
export function brandAction<S extends z.ZodTypeAny, T>(
  schema: S,
  handler: (input: z.infer<S>, ctx: { db: Db; user: SessionUser; access: BrandAccess }) => Promise<T>,
  options: { role?: MemberRole } = {},
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
      const slug = formData.get("workspace");
      if (typeof slug !== "string") throw new AppError("bad_request", "Missing workspace.");
      const db = await getDb();
      const access = await getBrandAccessOrThrow(db, { userId: user.id, slug, role: options.role });
      const input = parseForm(schema, formData);
      return { ok: true, data: await handler(input, { db, user, access }) };
    } catch (error) {
      return fail(error);
    }
  };
}

/** A creator-portal server action; the creator is the signed-in user's creator identity. */
export function creatorAction<S extends z.ZodTypeAny, T>(
  schema: S,
  handler: (
    input: z.infer<S>,
    ctx: { db: Db; user: SessionUser; creator: Awaited<ReturnType<typeof getCreatorForUserOrThrow>> },
  ) => Promise<T>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
      const db = await getDb();
      const creator = await getCreatorForUserOrThrow(db, user.id);
      return { ok: true, data: await handler(parseForm(schema, formData), { db, user, creator }) };
    } catch (error) {
      return fail(error);
    }
  };
}

/** A public server action (sign-up, reset password): validation and error mapping only. */
export function publicAction<S extends z.ZodTypeAny, T>(
  schema: S,
  handler: (input: z.infer<S>, ctx: { db: Db }) => Promise<T>,
) {
  return async (_prev: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
    try {
      const input = parseForm(schema, formData);
      return { ok: true, data: await handler(input, { db: await getDb() }) };
    } catch (error) {
      // Next's redirect() throws a special error that must propagate.
      if (error && typeof error === "object" && "digest" in error && String((error as { digest: unknown }).digest).startsWith("NEXT_REDIRECT")) {
        throw error;
      }
      return fail(error);
    }
  };
}
