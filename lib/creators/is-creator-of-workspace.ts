import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { queryRows } from "@/db/client";

/**
 * Whether a creator works with this workspace: on its creator list or on one of its campaigns'
 * rosters (past or present). Two primary-key / index probes.
 */
export async function isCreatorOfWorkspace(db: Db, input: { workspaceId: string; creatorId: string }): Promise<boolean> {
  const rows = await queryRows<{ found: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM workspace_creators WHERE workspace_id = ${input.workspaceId} AND creator_id = ${input.creatorId})
        OR EXISTS (SELECT 1 FROM enrollments WHERE workspace_id = ${input.workspaceId} AND creator_id = ${input.creatorId}) AS found`,
  );
  return Boolean(rows[0]?.found);
}
