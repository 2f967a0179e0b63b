import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations } from "@/db/schema";
import { isOpenInvitationSql } from "./open-invitation";

export async function listPendingInvitations(db: Db, workspaceId: string) {
  return db
    .select({
      id: invitations.id,
      kind: invitations.kind,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, workspaceId),
        isOpenInvitationSql(),
      ),
    )
    .orderBy(desc(invitations.createdAt));
}
