import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, workspaceCreators, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { normalizeEmail } from "@/lib/auth/tokens";
import { issueInvitation } from "./issue-invitation";

export { ZInviteCreator } from "./schemas";

/**
 * Adds a creator to the workspace (creating their identity if this is the first brand they work
 * with) and invites them to the creator portal. Creators who already have a login are linked at once.
 */
export async function inviteCreator(
  db: Db,
  input: { workspaceId: string; invitedByUserId: string | null; email: string; fullName: string; handle?: string | null | undefined },
) {
  const email = normalizeEmail(input.email);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, input.workspaceId));
    if (!workspace) throw new AppError("not_found", "Workspace not found.");
    await tx
      .insert(creators)
      .values({ email, fullName: input.fullName, handle: input.handle || null })
      .onConflictDoNothing({ target: creators.email });
    const [creator] = await tx.select().from(creators).where(eq(creators.email, email));
    const [link] = await tx
      .insert(workspaceCreators)
      .values({ workspaceId: input.workspaceId, creatorId: creator!.id, status: "invited" })
      .onConflictDoUpdate({
        target: [workspaceCreators.workspaceId, workspaceCreators.creatorId],
        set: { status: "invited", updatedAt: new Date() },
        setWhere: eq(workspaceCreators.status, "removed"),
      })
      .returning();
    const result = await issueInvitation(
      tx,
      { workspaceId: input.workspaceId, kind: "creator", email, creatorId: creator!.id, invitedByUserId: input.invitedByUserId },
      workspace.name,
    );
    await recordAudit(tx, {
      workspaceId: input.workspaceId,
      actor: input.invitedByUserId ? { kind: "user", id: input.invitedByUserId } : { kind: "system" },
      action: "creator.invited",
      targetType: "creator",
      targetId: creator!.id,
      data: { email, alreadyInWorkspace: !link },
    });
    return { ...result, creator: creator! };
  });
}
