import { and, count, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, workspaceCreators } from "@/db/schema";

/** Counts for the brand's overview page, all scoped by workspace. */
export async function getWorkspaceOverview(db: Db, workspaceId: string) {
  const [[creators], [members]] = await Promise.all([
    db
      .select({ n: count() })
      .from(workspaceCreators)
      .where(and(eq(workspaceCreators.workspaceId, workspaceId), ne(workspaceCreators.status, "removed"))),
    db.select({ n: count() }).from(memberships).where(eq(memberships.workspaceId, workspaceId)),
  ]);
  return { creators: creators?.n ?? 0, members: members?.n ?? 0 };
}
