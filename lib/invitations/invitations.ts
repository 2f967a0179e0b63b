import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { creators, invitations, memberships, users, workspaceCreators, workspaces } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword, ZPassword } from "@/lib/auth/passwords";
import { createSecretToken, normalizeEmail, sha256 } from "@/lib/auth/tokens";
import { queueEmail } from "@/lib/email/queue-email";
import { appUrl } from "@/lib/env";
import { isOpenInvitation, isOpenInvitationSql, isUnconsumedInvitationSql } from "./open-invitation";

const INVITATION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

export const ZInviteMember = z.object({
  email: z.string().trim().email("Enter a valid email address."),
  role: z.enum(["admin", "member"]).default("member"),
});
export const ZInviteCreator = z.object({
  email: z.string().trim().email("Enter a valid email address."),
  fullName: z.string().trim().min(1, "Enter the creator's name.").max(120),
  handle: z
    .string()
    .trim()
    .max(60)
    .regex(/^@?[A-Za-z0-9._-]*$/, "Handles use letters, digits, dots, dashes and underscores.")
    .transform((h) => h.replace(/^@/, ""))
    .optional(),
});

export const invitationLink = (token: string) => `${appUrl()}/invite/${token}`;

async function issue(
  db: Db,
  values: Omit<typeof invitations.$inferInsert, "tokenHash" | "expiresAt">,
  workspaceName: string,
) {
  const { token, hash } = createSecretToken();
  // A new invitation replaces any open one for the same person.
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, values.workspaceId),
        eq(invitations.kind, values.kind),
        eq(invitations.email, values.email),
        isUnconsumedInvitationSql(),
      ),
    );
  const [invitation] = await db
    .insert(invitations)
    .values({ ...values, tokenHash: hash, expiresAt: new Date(Date.now() + INVITATION_TTL_MS) })
    .returning();
  const link = invitationLink(token);
  await queueEmail({
    to: values.email,
    subject:
      values.kind === "creator" ? `${workspaceName} invited you to Tally` : `Join ${workspaceName} on Tally`,
    text: `You have been invited to ${workspaceName} on Tally. Accept within 14 days:\n\n${link}`,
    link,
    kind: `invitation-${values.kind}`,
  });
  return { invitation: invitation!, link };
}

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
    const result = await issue(
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

/**
 * Adds a creator to the workspace (creating their identity if this is the first brand they work
 * with) and invites them to the creator portal. Creators who already have a login are linked at once.
 */
export async function inviteCreator(
  db: Db,
  input: { workspaceId: string; invitedByUserId: string | null; email: string; fullName: string; handle?: string | undefined },
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
    const result = await issue(
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

export const ZAcceptWithPassword = z.object({ name: z.string().trim().min(1, "Tell us your name.").max(120), password: ZPassword });

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
    const [invitation] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(
        and(
          eq(invitations.tokenHash, sha256(input.token)),
          isOpenInvitationSql(),
        ),
      )
      .returning();
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
