import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/api/app-error";
import { getCreatorForUser } from "@/lib/creators/get-creator-for-user";
import { getBrandAccessOrThrow, type MemberRole } from "@/lib/workspaces/get-brand-access";
import { getSessionUser } from "./session";

/**
 * Page guards (server components). They shape navigation: signed-out → sign-in, not yours → 404.
 * They are not the security boundary: every query below them is scoped by workspace or creator too.
 */
export async function requireUser() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user;
}

export async function requireBrand(slug: string, role?: MemberRole) {
  const user = await requireUser();
  const db = await getDb();
  try {
    const access = await getBrandAccessOrThrow(db, { userId: user.id, slug, role });
    return { user, db, access };
  } catch (error) {
    if (error instanceof AppError && (error.code === "not_found" || error.code === "forbidden")) notFound();
    throw error;
  }
}

export async function requireCreator() {
  const user = await requireUser();
  const db = await getDb();
  const creator = await getCreatorForUser(db, user.id);
  if (!creator) notFound();
  return { user, db, creator };
}
