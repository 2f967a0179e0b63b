import { and, eq, inArray, isNull, not } from "drizzle-orm";
import type { Db } from "@/db/client";
import { creators, invitations, workspaces } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { createSecretToken } from "@/lib/auth/tokens";
import { queueEmail } from "@/lib/email/queue-email";
import { INVITATION_TTL_MS, invitationLink } from "./issue-invitation";
import { isOpenInvitationSql, isUnconsumedInvitationSql } from "./open-invitation";

/**
 * Invites to the creator portal every one of these creators who has no login yet and no open
 * invitation from this workspace: one invitation per creator (not one per campaign), written in one
 * statement, emails queued in the background. An expired invitation is not open: it is revoked and
 * replaced, so a creator who missed the first one gets a fresh link when added to a new campaign.
 */
export async function inviteCreatorsInBulk(db: Db, input: { workspaceId: string; invitedByUserId: string | null; creatorIds: string[] }) {
  if (input.creatorIds.length === 0) return { invited: 0 };
  const withoutLogin = await db.select().from(creators).where(and(inArray(creators.id, input.creatorIds), isNull(creators.userId)));
  if (withoutLogin.length === 0) return { invited: 0 };
  const now = new Date();
  const open = await db
    .select({ creatorId: invitations.creatorId })
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, input.workspaceId),
        eq(invitations.kind, "creator"),
        inArray(invitations.creatorId, withoutLogin.map((c) => c.id)),
        isOpenInvitationSql(now),
      ),
    );
  const already = new Set(open.map((o) => o.creatorId));
  const toInvite = withoutLogin.filter((c) => !already.has(c.id)).map((c) => ({ creator: c, ...createSecretToken() }));
  if (toInvite.length === 0) return { invited: 0 };
  // Their expired invitations still hold the one unconsumed slot per (workspace, kind, email); an
  // open one issued meanwhile is left alone (the insert below then does nothing for that creator).
  await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.workspaceId, input.workspaceId),
        eq(invitations.kind, "creator"),
        inArray(invitations.email, toInvite.map((t) => t.creator.email)),
        isUnconsumedInvitationSql(),
        not(isOpenInvitationSql(now)),
      ),
    );
  const [workspace] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, input.workspaceId));
  const inserted = await db
    .insert(invitations)
    .values(
      toInvite.map((t) => ({
        workspaceId: input.workspaceId,
        kind: "creator" as const,
        email: t.creator.email,
        creatorId: t.creator.id,
        tokenHash: t.hash,
        invitedByUserId: input.invitedByUserId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })),
    )
    .onConflictDoNothing()
    .returning({ creatorId: invitations.creatorId });
  const sent = new Set(inserted.map((i) => i.creatorId));
  for (const t of toInvite) {
    if (!sent.has(t.creator.id)) continue;
    const link = invitationLink(t.token);
    await queueEmail({
      to: t.creator.email,
      subject: `${workspace?.name ?? "A brand"} invited you to Tally`,
      text: `${workspace?.name ?? "A brand"} added you to a creator campaign on Tally. See your codes, links and earnings — accept within 14 days:\n\n${link}`,
      link,
      kind: "invitation-creator",
    });
  }
  await recordAudit(db, {
    workspaceId: input.workspaceId,
    actor: input.invitedByUserId ? { kind: "user", id: input.invitedByUserId } : { kind: "system" },
    action: "creator.invited",
    data: { count: sent.size },
  });
  return { invited: sent.size };
}
