import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, invitations, memberships, users, workspaceCreators, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/passwords";
import { sha256 } from "@/lib/auth/tokens";
import { acceptOpenInvitation } from "./open-invitation";

export { ZAcceptWithPassword } from "./schemas";

export type AcceptResult = { userId: string; email: string } & ({ portal: "brand"; slug: string } | { portal: "creator" });

/**
 * Accepts an invitation. Either the signed-in user (whose email must match) or a new account
 * created with the given name and password. Marks it accepted exactly once.
 */
export async function acceptInvitation(
  db: Db,
  input: { token: string; signedInUserId?: string | null; newAccount?: { name: string; password: string } },
): Promise<AcceptResult> {
  const passwordHash = input.newAccount ? await hashPassword(input.newAccount.password) : null;
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const invitation = await acceptOpenInvitation(tx, eq(invitations.tokenHash, sha256(input.token)));
    if (!invitation) throw new AppError("not_found", "This invitation is invalid, expired or already used.");

    let userId: string;
    if (input.signedInUserId) {
      const [user] = await tx.select().from(users).where(eq(users.id, input.signedInUserId));
      if (!user || user.email !== invitation.email) {
        throw new AppError(
          "forbidden",
          `This invitation is for ${invitation.email}. Sign out and accept it with that account.`,
        );
      }
      userId = user.id;
    } else if (input.newAccount && passwordHash) {
      const [user] = await tx
        .insert(users)
        .values({ email: invitation.email, name: input.newAccount.name, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning();
      if (!user) throw new AppError("conflict", "An account with this email exists already: sign in to accept.");
      userId = user.id;
    } else {
      throw new AppError("unauthorized", "Sign in or choose a password to accept this invitation.");
    }

    const [workspace] = await tx.select().from(workspaces).where(eq(workspaces.id, invitation.workspaceId));
    if (invitation.kind === "member") {
      await tx
        .insert(memberships)
        .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role ?? "member" })
        .onConflictDoNothing();
      await recordAudit(tx, {
        workspaceId: invitation.workspaceId,
        actor: { kind: "user", id: userId },
        action: "member.joined",
        targetType: "user",
        targetId: userId,
        data: { role: invitation.role },
      });
      return { portal: "brand", slug: workspace!.slug, userId, email: invitation.email };
    }

    const [creator] = await tx.select().from(creators).where(eq(creators.id, invitation.creatorId!));
    if (creator!.userId && creator!.userId !== userId) {
      throw new AppError("conflict", "This creator profile is already linked to another login.");
    }
    await tx.update(creators).set({ userId }).where(eq(creators.id, creator!.id));
    await tx
      .update(workspaceCreators)
      .set({ status: "active" })
      .where(and(eq(workspaceCreators.workspaceId, invitation.workspaceId), eq(workspaceCreators.creatorId, creator!.id)));
    await recordAudit(tx, {
      workspaceId: invitation.workspaceId,
      actor: { kind: "user", id: userId },
      action: "creator.joined",
      targetType: "creator",
      targetId: creator!.id,
    });
    return { portal: "creator", userId, email: invitation.email };
  });
}
