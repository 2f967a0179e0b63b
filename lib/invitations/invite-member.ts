import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { memberships, users, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { normalizeEmail } from "@/lib/auth/tokens";
import { issueInvitation } from "./issue-invitation";

export { ZInviteMember } from "./schemas";

/** Invites a teammate. Existing members cannot be invited again. */
export async function inviteMember(
  db: Db,
  input: { workspaceId: string; invitedByUserId: string; email: string; role: "admin" | "member" },
) {
  const email = normalizeEmail(input.email);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, input.workspaceId));
    if (!workspace) throw new AppError("not_found", "Workspace not found.");
    const [already] = await tx
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, input.workspaceId), eq(users.email, email)));
    if (already) {
      throw new AppError("conflict", `${email} is already a member of ${workspace.name}.`, {
        fields: { email: ["Already a member."] },
      });
    }
    const result = await issueInvitation(
      tx,
      { workspaceId: input.workspaceId, kind: "member", email, role: input.role, invitedByUserId: input.invitedByUserId },
      workspace.name,
    );
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: { kind: "user", id: input.invitedByUserId },
      action: "member.invited",
      targetType: "invitation",
      targetId: result.invitation.id,
      data: { email, role: input.role },
    });
    return result;
  });
}
