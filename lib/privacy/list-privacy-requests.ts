import { desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { privacyRequests } from "@/db/schema";

export async function listPrivacyRequests(db: Db, workspaceId: string, limit = 20) {
  return db
    .select()
    .from(privacyRequests)
    .where(eq(privacyRequests.workspaceId, workspaceId))
    .orderBy(desc(privacyRequests.createdAt))
    .limit(limit);
}
