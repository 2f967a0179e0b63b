import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";

export type MemberRole = "owner" | "admin" | "member";
export type BrandAccess = { workspace: typeof workspaces.$inferSelect; role: MemberRole; userId: string };

const RANK: Record<MemberRole, number> = { member: 0, admin: 1, owner: 2 };
export const roleAtLeast = (role: MemberRole, needed: MemberRole) => RANK[role] >= RANK[needed];

/**
 * The user's access to a workspace by slug, resolved in one query scoped by the membership.
 * A workspace the user is not a member of does not exist for them: 404, never 403.
 */
export async function getBrandAccessOrThrow(
  db: Db,
  input: { userId: string; slug: string; role?: MemberRole },
): Promise<BrandAccess> {
  const [row] = await db
    .select({ workspace: workspaces, role: memberships.role })
    .from(workspaces)
    .innerJoin(memberships, and(eq(memberships.workspaceId, workspaces.id), eq(memberships.userId, input.userId)))
    .where(eq(workspaces.slug, input.slug))
    .limit(1);
  if (!row) throw new AppError("not_found", "Workspace not found.");
  if (input.role && !roleAtLeast(row.role, input.role)) {
    throw new AppError("forbidden", `This needs the ${input.role} role in ${row.workspace.name}.`);
  }
  return { workspace: row.workspace, role: row.role, userId: input.userId };
}

export async function listUserWorkspaces(db: Db, userId: string) {
  return db
    .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.name));
}
