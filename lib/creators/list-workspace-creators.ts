import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, workspaceCreators } from "@/db/schema";
import { AppError } from "@/lib/errors";

const columns = {
  id: creators.id,
  email: creators.email,
  fullName: creators.fullName,
  handle: creators.handle,
  status: workspaceCreators.status,
  joinedAt: workspaceCreators.createdAt,
  hasLogin: creators.userId,
};

/** The workspace's creators (its roster across campaigns). Scoped by workspace in the join. */
export async function listWorkspaceCreators(db: Db, workspaceId: string) {
  const rows = await db
    .select(columns)
    .from(workspaceCreators)
    .innerJoin(creators, eq(creators.id, workspaceCreators.creatorId))
    .where(eq(workspaceCreators.workspaceId, workspaceId))
    .orderBy(asc(creators.fullName));
  return rows.map((r) => ({ ...r, hasLogin: r.hasLogin !== null }));
}

export async function getWorkspaceCreatorOrThrow(db: Db, input: { workspaceId: string; creatorId: string }) {
  const [row] = await db
    .select(columns)
    .from(workspaceCreators)
    .innerJoin(creators, eq(creators.id, workspaceCreators.creatorId))
    .where(and(eq(workspaceCreators.workspaceId, input.workspaceId), eq(workspaceCreators.creatorId, input.creatorId)))
    .limit(1);
  if (!row) throw new AppError("not_found", "Creator not found.");
  return { ...row, hasLogin: row.hasLogin !== null };
}
