import { and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, workspaceCreators } from "@/db/schema";

/** One page of a workspace's creators in id order (ids are time-sortable: new rows never shift a cursor). */
export async function listWorkspaceCreatorsPage(db: Db, input: { workspaceId: string; limit: number; after?: string | undefined }) {
  return db
    .select({
      id: creators.id,
      email: creators.email,
      fullName: creators.fullName,
      handle: creators.handle,
      status: workspaceCreators.status,
      createdAt: workspaceCreators.createdAt,
    })
    .from(workspaceCreators)
    .innerJoin(creators, eq(creators.id, workspaceCreators.creatorId))
    .where(
      and(
        eq(workspaceCreators.workspaceId, input.workspaceId),
        input.after ? gt(workspaceCreators.creatorId, input.after) : undefined,
      ),
    )
    .orderBy(asc(workspaceCreators.creatorId))
    .limit(input.limit + 1);
}
