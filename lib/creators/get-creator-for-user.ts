import { and, asc, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, workspaceCreators, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The creator identity behind a login, or null when the user is not a creator. */
export async function getCreatorForUser(db: Db, userId: string) {
  const [creator] = await db.select().from(creators).where(eq(creators.userId, userId)).limit(1);
  return creator ?? null;
}

export async function getCreatorForUserOrThrow(db: Db, userId: string) {
  const creator = await getCreatorForUser(db, userId);
  if (!creator) throw new AppError("not_found", "Creator profile not found.");
  return creator;
}

/** The brands a creator works with (removed relationships excluded). */
export async function listCreatorBrands(db: Db, creatorId: string) {
  return db
    .select({
      workspaceId: workspaces.id,
      name: workspaces.name,
      status: workspaceCreators.status,
      since: workspaceCreators.createdAt,
    })
    .from(workspaceCreators)
    .innerJoin(workspaces, eq(workspaces.id, workspaceCreators.workspaceId))
    .where(and(eq(workspaceCreators.creatorId, creatorId), ne(workspaceCreators.status, "removed")))
    .orderBy(asc(workspaces.name));
}
