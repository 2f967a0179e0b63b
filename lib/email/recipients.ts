import { sql } from "drizzle-orm";
import { queryRows, type Db } from "@/db/client";

/** Who hears about a workspace's operations (payouts to review, a disabled webhook endpoint): its owners and admins. */
export async function workspaceAdmins(db: Db, workspaceId: string): Promise<{ email: string; brand: string; slug: string }[]> {
  return queryRows(
    db,
    sql`SELECT u.email, w.name AS brand, w.slug FROM memberships m JOIN users u ON u.id = m.user_id JOIN workspaces w ON w.id = m.workspace_id
        WHERE m.workspace_id = ${workspaceId} AND m.role IN ('owner', 'admin')`,
  );
}

/** A creator's address and name, with the name of the brand (workspace) the email is about. */
export async function creatorContact(db: Db, input: { creatorId: string; workspaceId: string }): Promise<{ email: string; name: string; brand: string } | null> {
  const [row] = await queryRows<{ email: string; name: string; brand: string }>(
    db,
    sql`SELECT c.email, c.full_name AS name, w.name AS brand FROM creators c JOIN workspaces w ON w.id = ${input.workspaceId} WHERE c.id = ${input.creatorId}`,
  );
  return row ?? null;
}
