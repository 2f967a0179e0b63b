import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { invitations, workspaceCreators } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { acceptOpenInvitation } from "@/lib/invitations/open-invitation";

/**
 * A signed-in creator accepts a brand's open invitation from their portal (no link needed: the
 * invitation names this creator identity). Scoped by creator id; another creator's invitation is "not found".
 */
export async function acceptBrandInvitation(db: Db, input: { creatorId: string; userId: string; workspaceId: string }) {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const invitation = await acceptOpenInvitation(
      tx,
      and(eq(invitations.workspaceId, input.workspaceId), eq(invitations.kind, "creator"), eq(invitations.creatorId, input.creatorId)),
    );
    if (!invitation) throw new AppError("not_found", "This invitation is no longer open. Ask the brand to invite you again.");
    await tx
      .update(workspaceCreators)
      .set({ status: "active", updatedAt: new Date() })
      .where(and(eq(workspaceCreators.workspaceId, input.workspaceId), eq(workspaceCreators.creatorId, input.creatorId)));
    await recordAudit(tx, { workspaceId: input.workspaceId, actor: { kind: "user", id: input.userId }, action: "creator.joined", targetType: "creator", targetId: input.creatorId });
    return { workspaceId: input.workspaceId };
  });
}
