import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, users, workspaces } from "@/db/schema";
import { sha256 } from "@/lib/auth/tokens";
import { isOpenInvitation } from "./open-invitation";

/** What the invite page shows: the invitation, its workspace, and whether the email has an account. */
export async function getOpenInvitation(db: Db, token: string) {
  const [row] = await db
    .select({ invitation: invitations, workspaceName: workspaces.name, workspaceSlug: workspaces.slug })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(eq(invitations.tokenHash, sha256(token)))
    .limit(1);
  if (!row || !isOpenInvitation(row.invitation)) {
    return null;
  }
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.invitation.email)).limit(1);
  return { ...row, accountExists: Boolean(user) };
}
