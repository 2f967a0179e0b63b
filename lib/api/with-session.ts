import type { NextRequest } from "next/server";
import { getDb, type Db } from "@/db/client";
import { getSessionUser, type SessionUser } from "@/lib/auth/session";
import { getCreatorForUserOrThrow } from "@/lib/creators/get-creator-for-user";
import { getBrandAccessOrThrow, type BrandAccess, type MemberRole } from "@/lib/workspaces/get-brand-access";
import { AppError, errorResponse } from "@/lib/errors";

type Route<P> = { params: Promise<P> };

/**
 * JSON route handlers for the brand portal (TanStack Query reads). The workspace comes from the
 * `[workspace]` slug in the URL and is resolved through the user's membership: a workspace the user
 * does not belong to answers 404.
 */
export function withBrand<P extends { workspace: string }>(
  handler: (ctx: { req: NextRequest; params: P; db: Db; user: SessionUser; access: BrandAccess }) => Promise<Response>,
  options: { role?: MemberRole } = {},
) {
  return async (req: NextRequest, route: Route<P>): Promise<Response> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Sign in first.");
      const params = await route.params;
      const db = await getDb();
      const access = await getBrandAccessOrThrow(db, { userId: user.id, slug: params.workspace, role: options.role });
      return await handler({ req, params, db, user, access });
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/** JSON route handlers for the creator portal; the creator is whoever is signed in. */
export function withCreator<P extends Record<string, string>>(
  handler: (ctx: {
    req: NextRequest;
    params: P;
    db: Db;
    user: SessionUser;
    creator: Awaited<ReturnType<typeof getCreatorForUserOrThrow>>;
  }) => Promise<Response>,
) {
  return async (req: NextRequest, route: Route<P>): Promise<Response> => {
    try {
      const user = await getSessionUser();
      if (!user) throw new AppError("unauthorized", "Sign in first.");
      const db = await getDb();
      const creator = await getCreatorForUserOrThrow(db, user.id);
      return await handler({ req, params: await route.params, db, user, creator });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
